import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a ${protocols.join(' or ')} URL`);

/** Comma-separated origins (`https://app.example.com`), each normalised to scheme://host[:port]. */
const originList = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const origins: string[] = [];
    for (const item of v.split(',').map((o) => o.trim()).filter(Boolean)) {
      try {
        const parsed = new URL(item);
        if (!['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== item.replace(/\/$/, '')) throw new Error();
        origins.push(parsed.origin);
      } catch {
        ctx.addIssue({ code: 'custom', message: `"${item.slice(0, 100)}" is not an origin (scheme://host[:port])` });
        return z.NEVER;
      }
    }
    return origins;
  });

/** Every environment variable the platform reads; `.env.example` documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(8000),
  WORKER_PORT: port.default(8001),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/mcp_platform'),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default('mcp'),
  JWT_SECRET: z.string().min(32).optional(),
  ENCRYPTION_KEY: base64Key.optional(),
  ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(base64Key))
    .default([]),
  PUBLIC_BASE_URL: url(['http:', 'https:']).optional(),
  // --- GitHub integration (libs/github)
  GITHUB_API_URL: url(['http:', 'https:']).default('https://api.github.com'),
  GITHUB_WEB_URL: url(['http:', 'https:']).default('https://github.com'),
  GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
  GITHUB_TIMEOUT_MS: positiveInt.default(10_000),
  GITHUB_MAX_RATE_LIMIT_WAIT_S: z.coerce.number().int().min(0).default(60),
  LLM_PROVIDER: z.enum(['rules', 'openai', 'ollama', 'anthropic']).default('rules'),
  LLM_MODEL: z.string().min(1).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: url(['http:', 'https:']).optional(),
  OLLAMA_BASE_URL: url(['http:', 'https:']).default('http://127.0.0.1:11434'),
  // --- analysis (LLM providers) ---
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: url(['http:', 'https:']).optional(),
  LLM_FALLBACK: z.enum(['none', 'rules']).default('none'),
  LLM_TIMEOUT_MS: positiveInt.default(60_000),
  EMBEDDINGS_PROVIDER: z.enum(['local', 'openai', 'ollama']).default('local'),
  // Deployments and the MCP gateway
  UPSTREAM_ALLOW_PRIVATE: bool.optional(),
  UPSTREAM_ALLOWED_ADDRESSES: z.string().optional(),
  // Where stdio servers run: worker processes (local) or a Deployment and Service per deployment (kubernetes)
  DEPLOYMENT_RUNTIME: z.enum(['local', 'kubernetes']).default('local'),
  KUBERNETES_API_URL: url(['http:', 'https:']).optional(),
  KUBERNETES_TOKEN: z.string().optional(),
  KUBERNETES_NAMESPACE: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63).default('mcp-tools'),
  KUBERNETES_RUNNER_IMAGE: z.string().min(1).default('supercorp/supergateway:latest'),
  KUBERNETES_RUNNER_PORT: port.default(8000),
  KUBERNETES_RUNNER_USER: positiveInt.default(1000),
  KUBERNETES_LABELS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const labels: Record<string, string> = {};
      for (const pair of v.split(',').map((p) => p.trim()).filter(Boolean)) {
        const [key, value = ''] = pair.split('=');
        if (!/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key) || !/^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/.test(value)) {
          ctx.addIssue({ code: 'custom', message: `"${pair.slice(0, 100)}" is not a Kubernetes label (key=value)` });
          return z.NEVER;
        }
        labels[key] = value;
      }
      return labels;
    }),
  KUBERNETES_SERVICE_URL: z.string().default('http://{name}.{namespace}.svc:{port}/mcp'),
  KUBERNETES_READY_TIMEOUT_MS: positiveInt.default(180_000),
  DEPLOYMENT_HEALTH_INTERVAL_MS: positiveInt.default(30_000),
  GATEWAY_CALL_TIMEOUT_MS: positiveInt.default(30_000),
  GATEWAY_MAX_RESPONSE_BYTES: positiveInt.default(5 * 1024 * 1024),
  GATEWAY_MAX_CONCURRENT_CALLS: positiveInt.default(64),
  GATEWAY_POOL_SIZE: positiveInt.default(256),
  GATEWAY_POOL_IDLE_MS: positiveInt.default(300_000),
  // --- local stdio runtime (workers run stdio MCP servers and serve them to the api) ---
  RUNNER_PORT: port.default(8002),
  RUNNER_ADVERTISE_URL: url(['http:', 'https:']).optional(),
  RUNNER_TOKEN: z.string().min(32).optional(),
  RUNNER_HEARTBEAT_MS: positiveInt.default(5_000),
  STDIO_ALLOWED_COMMANDS: z
    .string()
    .default('npx,uvx,node,python3')
    .transform((v) => v.split(',').map((c) => c.trim()).filter(Boolean)),
  STDIO_MAX_CRASHES: positiveInt.default(5),
  STDIO_CRASH_WINDOW_MS: positiveInt.default(60_000),
  STDIO_RESTART_BACKOFF_MS: positiveInt.default(500),
  STDIO_STOP_GRACE_MS: positiveInt.default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)?$/i).default('1mb'),
  SHUTDOWN_GRACE_MS: positiveInt.default(30_000),
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt.default(10),
  RATE_LIMIT_DEFAULT_PER_MINUTE: positiveInt.default(1000),
  // --- reliability (dependency timeouts, reconciler) ---
  REDIS_COMMAND_TIMEOUT_MS: positiveInt.default(1000),
  ENQUEUE_TIMEOUT_MS: positiveInt.default(1000),
  RECONCILE_INTERVAL_MS: positiveInt.default(10_000),
  RECONCILE_STALE_MS: positiveInt.default(30_000),
  // Browsers' cross-origin allowlist for REST, Socket.IO and /ws (same-origin always allowed).
  CORS_ORIGINS: originList,
  REALTIME_MAX_CONNECTIONS_PER_USER: positiveInt.default(50),
  REALTIME_RECHECK_SECONDS: positiveInt.default(60),
  // --- security ---
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: positiveInt.default(30),
  TASKS_MAX_UNFINISHED_PER_USER: positiveInt.default(100),
  TRUST_PROXY: z.string().min(1).default('loopback'),
  METRICS_TOKEN: z.string().min(16).optional(),
  METRICS_PUBLIC: bool.optional(),
});

export type Env = z.infer<typeof envSchema>;
