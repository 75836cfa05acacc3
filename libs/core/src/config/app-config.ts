import { createHash } from 'node:crypto';
import { QueueName } from '../queue/queue-names';
import { queueTuning, QueueTuning } from '../queue/queue-options';
import { Env, envSchema } from './env.schema';

export interface AppConfig {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  workerPort: number;
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  queuePrefix: string;
  jwtSecret: string;
  encryptionKey: Buffer;
  /** Older keys that still open values sealed before a rotation; never used to seal. */
  previousEncryptionKeys: Buffer[];
  publicBaseUrl: string;
  githubApiUrl: string;
  githubWebhookSecret?: string;
  llm: { provider: Env['LLM_PROVIDER']; model?: string; openaiApiKey?: string; openaiBaseUrl?: string; ollamaBaseUrl: string };
  embeddingsProvider: Env['EMBEDDINGS_PROVIDER'];
  upstreamAllowPrivate: boolean;
  logLevel: Env['LOG_LEVEL'];
  bodyLimit: string;
  shutdownGraceMs: number;
  rateLimit: { authPerMinute: number; defaultPerMinute: number };
  /** Cross-origin browsers allowed on REST, Socket.IO and /ws; empty means same-origin only. */
  corsOrigins: string[];
  /** Concurrent connections per user across replicas; how often open sockets re-check their credentials. */
  realtime: { maxConnectionsPerUser: number; recheckSeconds: number };
  queues: Record<QueueName, QueueTuning>;
  /** Bounds on the dependency calls a request waits for. */
  reliability: { redisCommandTimeoutMs: number; enqueueTimeoutMs: number };
}

export class ConfigError extends Error {}

/** Secrets that production must set explicitly; elsewhere a per-database dev value keeps replicas in agreement. */
const REQUIRED_IN_PRODUCTION = ['JWT_SECRET', 'ENCRYPTION_KEY', 'PUBLIC_BASE_URL'] as const;

function devSecret(purpose: string, databaseUrl: string): Buffer {
  return createHash('sha256').update(`mcp-platform-dev:${purpose}:${databaseUrl}`).digest();
}

function queueTuningOrConfigError(source: NodeJS.ProcessEnv): Record<QueueName, QueueTuning> {
  try {
    return queueTuning(source);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/** Validates the environment once; throws a ConfigError whose message names the first bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction) {
    const missing = REQUIRED_IN_PRODUCTION.find((name) => !env[name]);
    if (missing) throw new ConfigError(`Invalid configuration: ${missing} is required when NODE_ENV=production`);
  }
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    workerPort: env.WORKER_PORT,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    jwtSecret: env.JWT_SECRET ?? devSecret('jwt', env.DATABASE_URL).toString('base64url'),
    encryptionKey: env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'base64') : devSecret('encryption', env.DATABASE_URL),
    previousEncryptionKeys: env.ENCRYPTION_KEYS_PREVIOUS.map((k) => Buffer.from(k, 'base64')),
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    githubApiUrl: env.GITHUB_API_URL,
    githubWebhookSecret: env.GITHUB_WEBHOOK_SECRET,
    llm: {
      provider: env.LLM_PROVIDER,
      model: env.LLM_MODEL,
      openaiApiKey: env.OPENAI_API_KEY,
      openaiBaseUrl: env.OPENAI_BASE_URL,
      ollamaBaseUrl: env.OLLAMA_BASE_URL,
    },
    embeddingsProvider: env.EMBEDDINGS_PROVIDER,
    upstreamAllowPrivate: env.UPSTREAM_ALLOW_PRIVATE ?? !isProduction,
    logLevel: env.LOG_LEVEL,
    bodyLimit: env.BODY_LIMIT,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    rateLimit: { authPerMinute: env.RATE_LIMIT_AUTH_PER_MINUTE, defaultPerMinute: env.RATE_LIMIT_DEFAULT_PER_MINUTE },
    corsOrigins: env.CORS_ORIGINS,
    realtime: { maxConnectionsPerUser: env.REALTIME_MAX_CONNECTIONS_PER_USER, recheckSeconds: env.REALTIME_RECHECK_SECONDS },
    queues: queueTuningOrConfigError(source),
    reliability: {
      redisCommandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
      enqueueTimeoutMs: env.ENQUEUE_TIMEOUT_MS,
    },
  };
}
