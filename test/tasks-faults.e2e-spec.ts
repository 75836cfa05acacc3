import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { FakeOpenAi } from './support/fake-openai';
import { http } from './support/http';
import { Platform } from './support/platform';
import { completedUpdate, WsClient } from './support/realtime';
import type { ServiceProcess } from './support/service-process';

/**
 * Replicas and faults, with workers using the OpenAI analyzer against a loopback server speaking
 * the Chat Completions protocol, whose answers the tests can slow down or break.
 */
describe('tasks across replicas and faults (OpenAI-compatible analyzer)', () => {
  const llm = new FakeOpenAi();
  let platform: Platform;
  let dev: Account;
  const workerEnv = () => ({
    LLM_PROVIDER: 'openai',
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_API_KEY: 'sk-test-not-a-real-key',
    QUEUE_ANALYSIS_LOCK_MS: '2000',
  });
  const spawnWorker = async (): Promise<ServiceProcess> => {
    const worker = await (await platform.spawn('worker', workerEnv())).waitReady();
    platform.workers.push(worker);
    return worker;
  };
  const submit = (apiUrl: string) =>
    http(apiUrl, 'POST', '/api/v1/analyze/feasibility', { token: dev.token, json: CONTRACT.feasibility }).then((r) => r.body.task_id as string);
  const task = (taskId: string) => http(platform.api.url, 'GET', `/api/v1/tasks/${taskId}`, { token: dev.token }).then((r) => r.body);
  const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    await llm.start();
    // Attempts and backoff are job options, set by the api that enqueues.
    platform = await new Platform({ apis: 2, env: { QUEUE_ANALYSIS_ATTEMPTS: '2', QUEUE_ANALYSIS_BACKOFF_MS: '100' } }).start();
    dev = await registerAndLogin(platform.api.url);
  }, 90_000);
  afterAll(async () => {
    await platform.stop();
    await llm.stop();
  });
  beforeEach(() => {
    llm.reset();
  });

  it('delivers events to a client on api A for a task submitted through api B (two workers)', async () => {
    await Promise.all([spawnWorker(), spawnWorker()]);
    const [a, b] = platform.apis;
    const ws = await WsClient.connect(a.url, dev.token);
    const taskId = await submit(b.url);
    ws.send({ type: 'subscribe', task_id: taskId });
    const done = await ws.next(completedUpdate(taskId));
    expect(done.result).toMatchObject({ score: 0.8, is_feasible: true, analyzer: 'openai:gpt-4o-mini' });
    ws.close();
  }, 120_000); // starts two workers, which takes long on a loaded machine

  it('finishes the active job when a worker gets SIGTERM, then exits 0', async () => {
    llm.script = () => ({ delayMs: 1500 });
    const taskId = await submit(platform.api.url);
    await until(() => llm.calls > 0);
    const busy = platform.workers.splice(0);
    for (const worker of busy) worker.signal('SIGTERM');
    expect(await Promise.all(busy.map((w) => w.waitExit()))).toEqual(busy.map(() => 0));
    expect(await task(taskId)).toMatchObject({ status: 'completed' });
  });

  it('completes the task exactly once on another worker when one is killed with SIGKILL mid-job', async () => {
    llm.script = (call) => ({ delayMs: call === 1 ? 60_000 : 0 });
    const victim = await spawnWorker();
    const ws = await WsClient.connect(platform.api.url, dev.token);
    const taskId = await submit(platform.api.url);
    ws.send({ type: 'subscribe', task_id: taskId });
    await until(() => llm.calls === 1);
    victim.signal('SIGKILL');
    await victim.waitExit();
    platform.workers.splice(platform.workers.indexOf(victim), 1);
    await spawnWorker();
    await ws.next(completedUpdate(taskId), 30_000);
    await new Promise((r) => setTimeout(r, 3000));
    expect(ws.messages.filter(completedUpdate(taskId))).toHaveLength(1);
    expect(await task(taskId)).toMatchObject({ status: 'completed', result: { score: 0.8 } });
    ws.close();
  }, 120_000);

  it('fails a task whose job keeps throwing, after its attempts, with a clear error', async () => {
    llm.script = () => ({ status: 500 });
    const taskId = await submit(platform.api.url);
    await until(async () => (await task(taskId)).status === 'failed');
    const failed = await task(taskId);
    expect(failed.error).toMatchObject({ code: 'TASK_FAILED', message: expect.stringContaining('Failed after 2 attempt(s)') });
    expect(failed.error.message).not.toContain('sk-test');
    expect(llm.calls).toBe(2);
  });

  it('cancels a running task; the worker’s late result does not overwrite it', async () => {
    llm.script = () => ({ delayMs: 1500 });
    const taskId = await submit(platform.api.url);
    await until(() => llm.calls > 0);
    const res = await http(platform.api.url, 'POST', `/api/v1/tasks/${taskId}/cancel`, { token: dev.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ task_id: taskId, status: 'cancelled' });
    // The worker really tries to store its late result, and is refused.
    const discarded = (line: string) => line.includes(taskId) && line.includes('result discarded');
    await until(() => platform.workers.some((w) => w.logs().split('\n').some(discarded)));
    expect(await task(taskId)).toMatchObject({ status: 'cancelled', result: null });
  });
});
