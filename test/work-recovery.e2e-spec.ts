import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { FakeOpenAi } from './support/fake-openai';
import { http } from './support/http';
import { Platform, type PlatformOptions } from './support/platform';
import { PrivatePostgres } from './support/private-postgres';
import { PrivateRedis } from './support/private-redis';
import { openSse, WsClient } from './support/realtime';
import type { ServiceProcess } from './support/service-process';

/**
 * Accepted work is never lost, stuck or silent: a worker killed with SIGKILL, Redis restarted
 * empty, PostgreSQL stopped under a backlog. Workers use the OpenAI analyzer against a loopback
 * Chat Completions server whose answers take a little time, so there is always work in flight.
 */
const llmEnv = (llm: FakeOpenAi) => ({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-not-a-real-key' });

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function submitMany(apiUrl: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await http(apiUrl, 'POST', '/api/v1/analyze/feasibility', { token, json: CONTRACT.feasibility });
    if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${res.text}`);
    ids.push(res.body.task_id);
  }
  return ids;
}

/** One api and one worker on the given dependencies, the LLM answering each call after 200 ms. */
async function startWithWorker(llm: FakeOpenAi, options: PlatformOptions): Promise<{ platform: Platform; dev: Account }> {
  llm.script = () => ({ delayMs: 200 });
  const platform = await new Platform({ ...options, env: { ...llmEnv(llm), ...options.env } }).start();
  platform.workers.push(await (await platform.spawn('worker')).waitReady());
  return { platform, dev: await registerAndLogin(platform.api.url) };
}

const statusCounts = (platform: Platform) =>
  platform.sql<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM tasks GROUP BY status').then((rows) =>
    Object.fromEntries(rows.map((r) => [r.status, r.n])),
  );
const unfinished = async (platform: Platform, ids: string[]) =>
  (await platform.sql<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1) AND status NOT IN ('completed', 'failed', 'cancelled')`, [ids]))[0].n;

describe('a worker killed with SIGKILL during 100 tasks (default locks)', () => {
  const llm = new FakeOpenAi();
  let platform: Platform;
  let dev: Account;
  // Five runs are the acceptance check (KILL_RUNS=5); CI runs one to keep `npm test` short.
  const runs = Number(process.env.KILL_RUNS ?? 1);

  beforeAll(async () => {
    await llm.start();
    llm.script = () => ({ delayMs: 400 });
    platform = await new Platform({ env: llmEnv(llm) }).start();
    dev = await registerAndLogin(platform.api.url);
  }, 90_000);
  afterAll(async () => {
    await platform.stop();
    await llm.stop();
  });

  for (let run = 1; run <= runs; run++) {
    it(`run ${run}/${runs}: every task is final within 30 s of the kill, with one completed event per task on /ws and SSE`, async () => {
      while (platform.workers.length < 2) platform.workers.push(await (await platform.spawn('worker', llmEnv(llm))).waitReady());
      const ws = await WsClient.connect(platform.api.url, dev.token);
      const sse = await openSse(platform.api.url, { token: dev.token });
      const callsBefore = llm.calls;
      const ids: string[] = [];
      for (const id of await submitMany(platform.api.url, dev.token, 100)) {
        ids.push(id);
        ws.send({ type: 'subscribe', task_id: id });
      }
      // Kill one worker while both hold jobs.
      await until(() => llm.calls - callsBefore >= 20, 30_000, 'work started');
      const victim: ServiceProcess = platform.workers[0];
      victim.signal('SIGKILL');
      const killedAt = Date.now();
      await victim.waitExit();
      platform.workers.splice(0, 1);

      await until(async () => (await unfinished(platform, ids)) === 0, 30_000, 'every task final after the kill');
      const recoveredMs = Date.now() - killedAt;
      const rows = await platform.sql<{ status: string }>('SELECT status FROM tasks WHERE id = ANY($1)', [ids]);
      expect(rows.filter((r) => r.status === 'completed')).toHaveLength(100);

      // Late duplicates would arrive within moments; then count.
      await new Promise((r) => setTimeout(r, 3000));
      const completedOn = (events: { task_id?: string; status?: string; type?: string }[]) => {
        const counts = new Map<string, number>();
        for (const e of events) if (e.type === 'task_update' && e.status === 'completed') counts.set(e.task_id!, (counts.get(e.task_id!) ?? 0) + 1);
        return ids.map((id) => counts.get(id) ?? 0);
      };
      expect(completedOn(ws.messages)).toEqual(ids.map(() => 1));
      expect(completedOn(sse.events.map((e) => e.data))).toEqual(ids.map(() => 1));
      ws.close();
      sse.close();
      process.stdout.write(`kill run ${run}: all 100 tasks final ${recoveredMs} ms after SIGKILL\n`);
    }, 150_000);
  }
});

describe('Redis restarted empty under a 60-task backlog (private redis-server)', () => {
  const llm = new FakeOpenAi();
  const redis = new PrivateRedis();
  let platform: Platform;
  let dev: Account;

  beforeAll(async () => {
    await Promise.all([llm.start(), redis.start()]);
    ({ platform, dev } = await startWithWorker(llm, { redisUrl: redis.url, env: { RECONCILE_INTERVAL_MS: '1000', RECONCILE_STALE_MS: '2000' } }));
  }, 90_000);
  afterAll(async () => {
    await platform.stop().catch(() => undefined);
    await redis.stop();
    await llm.stop();
  });

  it('completes all 60 accepted tasks, and embeds a document accepted while Redis was down', async () => {
    const ids = await submitMany(platform.api.url, dev.token, 60);
    await until(() => llm.calls >= 4, 20_000, 'work started');
    await redis.stop();
    const document = await http(platform.api.url, 'POST', '/api/v1/knowledge/documents', {
      token: dev.token,
      json: { title: 'Written during an outage', content: 'PostgreSQL keeps the document; its vectors come later.' },
    });
    expect(document.status).toBe(201);
    await new Promise((r) => setTimeout(r, 8000));
    await redis.start();

    await until(async () => (await unfinished(platform, ids)) === 0, 90_000, 'all 60 tasks final');
    expect(await statusCounts(platform)).toEqual({ completed: 60 });
    await until(
      async () => (await http(platform.api.url, 'GET', `/api/v1/knowledge/documents/${document.body.document_id}`, { token: dev.token })).body.embedding_status === 'ready',
      30_000,
      'document embedded',
    );
  }, 150_000);

  it('runs a task whose row was written but whose job was never added (a crash in between)', async () => {
    const [row] = await platform.sql<{ id: string }>(
      `INSERT INTO tasks (type, owner_id, status, input) VALUES ('analysis.feasibility', $1, 'pending', $2) RETURNING id`,
      [dev.id, { config: CONTRACT.feasibility.config }],
    );
    await until(async () => (await platform.sql<{ status: string }>('SELECT status FROM tasks WHERE id = $1', [row.id]))[0].status === 'completed', 30_000, 'orphan task completed');
  }, 60_000);
});

describe('PostgreSQL stopped under a backlog (private cluster)', () => {
  const llm = new FakeOpenAi();
  const postgres = new PrivatePostgres();
  let platform: Platform;
  let dev: Account;

  beforeAll(async () => {
    await Promise.all([llm.start(), postgres.start()]);
    // One attempt and no reconciler: only waiting out the outage in place can complete every task.
    ({ platform, dev } = await startWithWorker(llm, {
      postgresAdminUrl: postgres.adminUrl,
      env: { QUEUE_ANALYSIS_ATTEMPTS: '1', RECONCILE_INTERVAL_MS: '3600000' },
    }));
  }, 90_000);
  afterAll(async () => {
    await platform.stop().catch(() => undefined);
    postgres.destroy();
    await llm.stop();
  });

  it('answers 503 (never 500) during the outage, and completes every accepted task after it, spending no attempt on it', async () => {
    const ids = await submitMany(platform.api.url, dev.token, 40);
    await until(() => llm.calls >= 4, 20_000, 'work started');
    postgres.stop();
    const during = await Promise.all([
      http(platform.api.url, 'POST', '/api/v1/analyze/feasibility', { token: dev.token, json: CONTRACT.feasibility }),
      http(platform.api.url, 'GET', `/api/v1/tasks/${ids[0]}`, { token: dev.token }),
    ]);
    for (const res of during) expect(res.status).toBe(503);
    await new Promise((r) => setTimeout(r, 8000));
    await postgres.start();

    await until(async () => (await unfinished(platform, ids).catch(() => ids.length)) === 0, 90_000, 'all accepted tasks final');
    const rows = await platform.sql<{ status: string; attempts: number }>('SELECT status, attempts FROM tasks WHERE id = ANY($1)', [ids]);
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'completed'));
    expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
  }, 150_000);
});
