import { randomBytes } from 'node:crypto';
import type { GeneratedSecretName } from '../database/dev-secrets';
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
  /** Secrets the environment left unset (never in production): replaced by the database's values at start. */
  generatedSecrets: GeneratedSecretName[];
  /** Older keys that still open values sealed before a rotation; never used to seal. */
  previousEncryptionKeys: Buffer[];
  publicBaseUrl: string;
  github: { apiUrl: string; webUrl: string; webhookSecret?: string; timeoutMs: number; maxRateLimitWaitS: number };
  llm: {
    provider: Env['LLM_PROVIDER'];
    model?: string;
    openaiApiKey?: string;
    openaiBaseUrl?: string;
    ollamaBaseUrl: string;
    anthropicApiKey?: string;
    anthropicBaseUrl?: string;
    /** What a task gets when the model's reply stays invalid after the repair round. */
    fallback: Env['LLM_FALLBACK'];
    /** Bound on one model call; past it the attempt fails and the queue retries. */
    timeoutMs: number;
  };
  embeddingsProvider: Env['EMBEDDINGS_PROVIDER'];
  upstreamAllowPrivate: boolean;
  /** IPs or CIDRs an upstream may reach even when private (UPSTREAM_ALLOWED_ADDRESSES). */
  upstreamAllowedAddresses: string[];
  /** DEPLOYMENT_RUNTIME: where stdio servers run. */
  deploymentRuntime: Env['DEPLOYMENT_RUNTIME'];
  /** The Kubernetes runtime: its API (in-cluster service account unless apiUrl), namespace, runner image and labels. */
  kubernetes: {
    apiUrl?: string;
    token?: string;
    namespace: string;
    runnerImage: string;
    runnerPort: number;
    runnerUser: number;
    labels: Record<string, string>;
    /** The address the gateway calls, with {name}, {namespace} and {port} filled in. */
    serviceUrl: string;
    readyTimeoutMs: number;
  };
  gateway: {
    healthIntervalMs: number;
    callTimeoutMs: number;
    maxResponseBytes: number;
    maxConcurrentCalls: number;
    poolSize: number;
    poolIdleMs: number;
  };
  /**
   * The worker's internal listener serving its stdio deployments to the api replicas. `token`
   * (RUNNER_TOKEN) is optional: by default the token is derived from the platform's JWT secret.
   */
  runner: { port: number; advertiseUrl?: string; token?: string; heartbeatMs: number };
  /** Which commands stdio servers may run, and how crashes and stops are handled. */
  stdio: { allowedCommands: string[]; maxCrashes: number; crashWindowMs: number; restartBackoffMs: number; stopGraceMs: number };
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
  bodyLimit: string;
  shutdownGraceMs: number;
  /** Cross-origin browsers allowed on REST, Socket.IO and /ws; empty means same-origin only. */
  corsOrigins: string[];
  /** Concurrent connections per user across replicas; how often open sockets re-check their credentials. */
  realtime: { maxConnectionsPerUser: number; recheckSeconds: number };
  rateLimit: { authPerMinute: number; defaultPerMinute: number; authFailuresPerMinute: number };
  /** Pending + running tasks one user may have at once. */
  maxUnfinishedTasksPerUser: number;
  /** Express `trust proxy`: which hops' X-Forwarded-* headers to believe (client IP, HTTPS). */
  trustProxy: boolean | number | string;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
  queues: Record<QueueName, QueueTuning>;
  /** Bounds on the dependency calls a request waits for; how often the worker looks for lost jobs. */
  reliability: { redisCommandTimeoutMs: number; enqueueTimeoutMs: number; reconcileIntervalMs: number; reconcileStaleMs: number };
}

export class ConfigError extends Error {}

/** Secrets that production must set explicitly; elsewhere random values kept in the database stand in (dev-secrets.ts). */
const REQUIRED_IN_PRODUCTION = ['JWT_SECRET', 'ENCRYPTION_KEY', 'PUBLIC_BASE_URL'] as const;

/** The key each hosted LLM provider needs (an OpenAI-compatible server may accept any value, but one must be sent). */
const LLM_KEYS: Partial<Record<Env['LLM_PROVIDER'], 'OPENAI_API_KEY' | 'ANTHROPIC_API_KEY'>> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

/** `true`/`false`, a hop count, or Express's list of addresses/subnets/names (`loopback, 10.0.0.0/8`). */
function trustProxyOf(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
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
    if (!env.METRICS_TOKEN && !env.METRICS_PUBLIC) {
      throw new ConfigError('Invalid configuration: METRICS_TOKEN is required when NODE_ENV=production (or METRICS_PUBLIC=true when the metrics port is private)');
    }
  }
  const missingKey = LLM_KEYS[env.LLM_PROVIDER];
  if (missingKey && !env[missingKey]) throw new ConfigError(`Invalid configuration: ${missingKey} is required when LLM_PROVIDER=${env.LLM_PROVIDER}`);
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    workerPort: env.WORKER_PORT,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    // Random until prepareProcess swaps in the database's values, so nothing ever signs with a guessable key.
    jwtSecret: env.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    encryptionKey: env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'base64') : randomBytes(32),
    generatedSecrets: (['JWT_SECRET', 'ENCRYPTION_KEY'] as const).filter((name) => !env[name]),
    previousEncryptionKeys: env.ENCRYPTION_KEYS_PREVIOUS.map((k) => Buffer.from(k, 'base64')),
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    github: {
      apiUrl: env.GITHUB_API_URL.replace(/\/$/, ''),
      webUrl: env.GITHUB_WEB_URL.replace(/\/$/, ''),
      webhookSecret: env.GITHUB_WEBHOOK_SECRET,
      timeoutMs: env.GITHUB_TIMEOUT_MS,
      maxRateLimitWaitS: env.GITHUB_MAX_RATE_LIMIT_WAIT_S,
    },
    llm: {
      provider: env.LLM_PROVIDER,
      model: env.LLM_MODEL,
      openaiApiKey: env.OPENAI_API_KEY,
      openaiBaseUrl: env.OPENAI_BASE_URL,
      ollamaBaseUrl: env.OLLAMA_BASE_URL,
      anthropicApiKey: env.ANTHROPIC_API_KEY,
      anthropicBaseUrl: env.ANTHROPIC_BASE_URL,
      fallback: env.LLM_FALLBACK,
      timeoutMs: env.LLM_TIMEOUT_MS,
    },
    embeddingsProvider: env.EMBEDDINGS_PROVIDER,
    upstreamAllowPrivate: env.UPSTREAM_ALLOW_PRIVATE ?? !isProduction,
    upstreamAllowedAddresses: (env.UPSTREAM_ALLOWED_ADDRESSES ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    deploymentRuntime: env.DEPLOYMENT_RUNTIME,
    kubernetes: {
      apiUrl: env.KUBERNETES_API_URL,
      token: env.KUBERNETES_TOKEN,
      namespace: env.KUBERNETES_NAMESPACE,
      runnerImage: env.KUBERNETES_RUNNER_IMAGE,
      runnerPort: env.KUBERNETES_RUNNER_PORT,
      runnerUser: env.KUBERNETES_RUNNER_USER,
      labels: env.KUBERNETES_LABELS,
      serviceUrl: env.KUBERNETES_SERVICE_URL,
      readyTimeoutMs: env.KUBERNETES_READY_TIMEOUT_MS,
    },
    gateway: {
      healthIntervalMs: env.DEPLOYMENT_HEALTH_INTERVAL_MS,
      callTimeoutMs: env.GATEWAY_CALL_TIMEOUT_MS,
      maxResponseBytes: env.GATEWAY_MAX_RESPONSE_BYTES,
      maxConcurrentCalls: env.GATEWAY_MAX_CONCURRENT_CALLS,
      poolSize: env.GATEWAY_POOL_SIZE,
      poolIdleMs: env.GATEWAY_POOL_IDLE_MS,
    },
    runner: {
      port: env.RUNNER_PORT,
      advertiseUrl: env.RUNNER_ADVERTISE_URL?.replace(/\/$/, ''),
      token: env.RUNNER_TOKEN,
      heartbeatMs: env.RUNNER_HEARTBEAT_MS,
    },
    stdio: {
      allowedCommands: env.STDIO_ALLOWED_COMMANDS,
      maxCrashes: env.STDIO_MAX_CRASHES,
      crashWindowMs: env.STDIO_CRASH_WINDOW_MS,
      restartBackoffMs: env.STDIO_RESTART_BACKOFF_MS,
      stopGraceMs: env.STDIO_STOP_GRACE_MS,
    },
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    bodyLimit: env.BODY_LIMIT,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    corsOrigins: env.CORS_ORIGINS,
    realtime: { maxConnectionsPerUser: env.REALTIME_MAX_CONNECTIONS_PER_USER, recheckSeconds: env.REALTIME_RECHECK_SECONDS },
    rateLimit: {
      authPerMinute: env.RATE_LIMIT_AUTH_PER_MINUTE,
      defaultPerMinute: env.RATE_LIMIT_DEFAULT_PER_MINUTE,
      authFailuresPerMinute: env.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    },
    maxUnfinishedTasksPerUser: env.TASKS_MAX_UNFINISHED_PER_USER,
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    metricsToken: env.METRICS_TOKEN,
    queues: queueTuningOrConfigError(source),
    reliability: {
      redisCommandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
      enqueueTimeoutMs: env.ENQUEUE_TIMEOUT_MS,
      reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
      reconcileStaleMs: env.RECONCILE_STALE_MS,
    },
  };
}
