import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort } from './free-port';
import { ENTRYPOINTS, ServiceProcess } from './service-process';

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Names this run's databases and Redis keys, so two checkouts sharing one PostgreSQL and Redis never collide. */
const TEST_PREFIX = testPrefix(process.env.TEST_DB_PREFIX ?? 'mcp_test');
export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-0123456789';

export interface PlatformOptions {
  apis?: number;
  workers?: number;
  env?: NodeJS.ProcessEnv;
  /** A private PostgreSQL cluster or Redis (fault tests), instead of the shared services. */
  postgresAdminUrl?: string;
  redisUrl?: string;
  /** Extra node flags per process kind (a benchmark profiling the api passes `--cpu-prof`). */
  nodeArgs?: Partial<Record<keyof typeof ENTRYPOINTS, string[]>>;
}

/**
 * One isolated platform per test file: its own database (created and migrated by the api on start)
 * and its own Redis key prefix, with api and worker running as real processes.
 */
export class Platform {
  readonly apis: ServiceProcess[] = [];
  readonly workers: ServiceProcess[] = [];
  readonly id = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  readonly databaseName = `${TEST_PREFIX}_${this.id}`;
  readonly queuePrefix = `${TEST_PREFIX}-${this.id}`;
  readonly databaseUrl: string;

  constructor(private readonly options: PlatformOptions = {}) {
    this.databaseUrl = this.postgresAdminUrl.replace(/\/[^/]*$/, `/${this.databaseName}`);
  }

  private get postgresAdminUrl(): string {
    return this.options.postgresAdminUrl ?? PG_ADMIN_URL;
  }

  private get redisUrl(): string {
    return this.options.redisUrl ?? REDIS_URL;
  }

  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: this.queuePrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOG_LEVEL: 'info',
      // Several workers share the host: each runner listens on a free port of its own.
      RUNNER_PORT: '0',
      SHUTDOWN_GRACE_MS: '10000',
      // Suites register many users from one IP; the rate-limit suite sets its own strict limit.
      RATE_LIMIT_AUTH_PER_MINUTE: '10000',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '10000',
      ...this.options.env,
      ...extra,
    };
  }

  get api(): ServiceProcess {
    return this.apis[0];
  }

  async start(): Promise<this> {
    // The first api creates and migrates the database; the rest start after it, like a rollout.
    for (let i = 0; i < (this.options.apis ?? 1); i++) {
      this.apis.push(await (await this.spawn('api')).waitReady());
    }
    const workers = await Promise.all(Array.from({ length: this.options.workers ?? 0 }, () => this.spawn('worker')));
    this.workers.push(...(await Promise.all(workers.map((w) => w.waitReady()))));
    return this;
  }

  async spawn(kind: keyof typeof ENTRYPOINTS, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> {
    const port = await freePort();
    const portVar = kind === 'api' ? 'PORT' : 'WORKER_PORT';
    return new ServiceProcess(kind, port, this.env({ [portVar]: String(port), ...extraEnv }), this.options.nodeArgs?.[kind]).start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((p) => p.stop()));
    await dropDatabase(this.databaseName, this.postgresAdminUrl);
    await deleteKeys(`${this.queuePrefix}*`, this.redisUrl);
  }

  /** A pg client on this run's database, for asserting what was (not) stored. */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

function testPrefix(value: string): string {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(value)) throw new Error(`TEST_DB_PREFIX must match [a-z][a-z0-9_]{0,30}, got "${value}"`);
  return value;
}

export async function dropDatabase(name: string, adminUrl = PG_ADMIN_URL): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function deleteKeys(pattern: string, redisUrl = REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
