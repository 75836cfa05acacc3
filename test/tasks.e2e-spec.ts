import { io, Socket } from 'socket.io-client';
import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT, ISO_DATE, UUID } from './support/contract';
import { http } from './support/http';
import { Platform } from './support/platform';
import { runContractWsExample } from './support/contract-js-client';
import { completedUpdate, openSse, until, WsClient } from './support/realtime';

describe('tasks, the worker and realtime (rules analyzer)', () => {
  const platform = new Platform({ workers: 1 });
  let url: string;
  let dev: Account;
  let stranger: Account;

  const submit = (who: Account, path: string, body: object) => http(url, 'POST', `/api/v1/analyze/${path}`, { token: who.token, json: body });
  const waitCompleted = async (who: Account, taskId: string) => {
    for (let i = 0; i < 200; i++) {
      const res = await http(url, 'GET', `/api/v1/tasks/${taskId}`, { token: who.token });
      if (['completed', 'failed', 'cancelled'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`task ${taskId} did not finish`);
  };

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    [dev, stranger] = await Promise.all([registerAndLogin(url), registerAndLogin(url)]);
  }, 90_000);
  afterAll(() => platform.stop());

  it('runs the contract flow: feasibility → task_update completed over /ws → GET /tasks/{id}', async () => {
    const res = await submit(dev, 'feasibility', CONTRACT.feasibility);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ task_id: expect.stringMatching(UUID), status: 'pending', message: 'Feasibility analysis queued for processing' });
    const taskId = res.body.task_id;

    const ws = await WsClient.connect(url, dev.token);
    ws.send({ type: 'subscribe', task_id: taskId });
    const done = await ws.next(completedUpdate(taskId));
    ws.close();
    expect(done.result).toMatchObject({ score: expect.any(Number), is_feasible: true, reasoning: expect.any(String) });
    expect(done.result.risks).toEqual(expect.arrayContaining(['Direct database access poses security risks', 'Write operations could corrupt data']));
    expect(done.result.recommendations).toEqual(
      expect.arrayContaining(['Implement read-only mode by default', 'Add query validation and sanitization', 'Use connection pooling for performance']),
    );

    const task = await http(url, 'GET', `/api/v1/tasks/${taskId}`, { token: dev.token });
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ task_id: taskId, status: 'completed', result: done.result });
    expect(task.body.created_at).toMatch(ISO_DATE);
    expect(task.body.completed_at).toMatch(ISO_DATE);
  });

  it('works with the contract’s JavaScript WebSocket example, verbatim', async () => {
    const taskId = (await submit(dev, 'feasibility', CONTRACT.feasibility)).body.task_id;
    const example = runContractWsExample(url, dev.token, taskId);
    await until(() => example.logged.some((line) => line[0] === 'Result:'));
    example.close();
    const lines = example.logged.map((line) => String(line[0]));
    expect(lines[0]).toBe('WebSocket connected');
    expect(lines).toContain(`Task ${taskId} status: completed`);
    const result = example.logged.find((line) => line[0] === 'Result:')?.[1] as { score: number; is_feasible: boolean };
    expect(result).toMatchObject({ score: 0.75, is_feasible: true });
  });

  it('reports intermediate running progress before completing', async () => {
    const sse = await openSse(url, { token: dev.token });
    const taskId = (await submit(dev, 'feasibility', CONTRACT.feasibility)).body.task_id;
    await sse.next((e) => e.data.task_id === taskId && e.data.status === 'completed');
    sse.close();
    const updates = sse.events.filter((e) => e.data.task_id === taskId).map((e) => e.data);
    const running = updates.filter((u) => u.status === 'running' && u.progress > 0 && u.progress < 100);
    expect(running.length).toBeGreaterThan(0);
    expect(running[0].message).toEqual(expect.any(String));
    expect(updates.indexOf(running[0])).toBeLessThan(updates.findIndex((u) => u.status === 'completed'));
  });

  it('answers improvements for an unknown tool with 404 at once, and analyses a registered one', async () => {
    const missing = await submit(dev, 'improvements', { tool_id: '770e8400-e29b-41d4-a716-446655440002' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error_code: 'NOT_FOUND', resource_type: 'mcp_tool' });
    const tool = await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: { ...CONTRACT.createTool, slug: 'weather-improve' } });
    const res = await submit(dev, 'improvements', { tool_id: tool.body.id });
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Improvement analysis queued for processing');
    const task = await waitCompleted(dev, res.body.task_id);
    expect(task.status).toBe('completed');
    expect(task.result).toMatchObject({ score: expect.any(Number), suggestions: expect.any(Array) });
  });

  it('generates a config that the registry accepts', async () => {
    const res = await submit(dev, 'generate-config', CONTRACT.generateConfig);
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Configuration generation queued for processing');
    const task = await waitCompleted(dev, res.body.task_id);
    expect(task.status).toBe('completed');
    expect(task.result.config.tools).toHaveLength(3);
    const { name, slug, description, version, config } = task.result;
    const created = await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: { name, slug, description, version, config } });
    expect(created.status).toBe(201);
  });

  it('validates analysis requests', async () => {
    expect((await submit(dev, 'feasibility', {})).body.detail[0].loc).toEqual(['body', 'config']);
    expect((await submit(dev, 'improvements', { tool_id: 'nope' })).body.detail[0].loc).toEqual(['body', 'tool_id']);
  });

  it('delivers task_update over Socket.IO, and refuses a bad token with connect_error', async () => {
    const bad = io(url, { auth: { token: 'not-a-token' }, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => bad.on('connect_error', resolve));
    expect(error.message).toBe('Invalid or expired token');
    bad.close();

    const taskId = (await submit(dev, 'feasibility', CONTRACT.feasibility)).body.task_id;
    const socket: Socket = io(url, { auth: { token: dev.token }, transports: ['websocket'], reconnection: false });
    const updates: any[] = [];
    socket.on('task_update', (u) => updates.push(u));
    const ack = await socket.emitWithAck('subscribe', { task_id: taskId });
    expect(ack).toEqual({ type: 'subscribed', task_id: taskId });
    await until(() => updates.some((u) => u.status === 'completed'));
    expect(updates.find((u) => u.status === 'completed').result.score).toEqual(expect.any(Number));

    const refused = await socket.emitWithAck('subscribe', { task_id: (await submit(stranger, 'feasibility', CONTRACT.feasibility)).body.task_id });
    expect(refused).toMatchObject({ type: 'error', error_code: 'NOT_FOUND' });
    socket.close();
  });

  it('streams task_update over SSE with an id per event, and refuses a bad token with 401', async () => {
    expect((await http(url, 'GET', '/events?token=bad')).status).toBe(401);
    const sse = await openSse(url, { token: dev.token });
    const taskId = (await submit(dev, 'feasibility', CONTRACT.feasibility)).body.task_id;
    const strangerTask = (await submit(stranger, 'feasibility', CONTRACT.feasibility)).body.task_id;
    const event = await sse.next((e) => e.event === 'task_update' && e.data.task_id === taskId && e.data.status === 'completed');
    expect(event.id).toMatch(UUID);
    await waitCompleted(stranger, strangerTask);
    expect(sse.events.some((e) => e.data.task_id === strangerTask)).toBe(false);
    sse.close();
  });

  it('keeps other users out of a task: 404 over REST, an error message over /ws', async () => {
    const taskId = (await submit(dev, 'feasibility', CONTRACT.feasibility)).body.task_id;
    const res = await http(url, 'GET', `/api/v1/tasks/${taskId}`, { token: stranger.token });
    expect(res.status).toBe(404);
    const ws = await WsClient.connect(url, stranger.token);
    ws.send({ type: 'subscribe', task_id: taskId });
    expect(await ws.next((m) => m.type === 'error')).toMatchObject({ error_code: 'NOT_FOUND', task_id: taskId });
    ws.close();
  });

  it('answers bad /ws input with error messages and closes a bad token with 4401', async () => {
    const ws = await WsClient.connect(url, dev.token);
    ws.send('{not json');
    expect(await ws.next((m) => m.type === 'error')).toMatchObject({ error_code: 'INVALID_REQUEST' });
    ws.send({ type: 'dance' });
    expect(await ws.next((m) => m.type === 'error' && m.detail.includes('dance'))).toMatchObject({ error_code: 'INVALID_REQUEST' });
    ws.send({ type: 'ping' });
    expect(await ws.next((m) => m.type === 'pong')).toEqual({ type: 'pong' });
    ws.close();

    const bad = await WsClient.connect(url, 'bad-token');
    await until(() => bad.closeCode !== undefined);
    expect(bad.closeCode).toBe(4401);
  });

  it('lists the caller’s tasks and refuses to cancel a finished one', async () => {
    const taskId = (await submit(dev, 'feasibility', CONTRACT.feasibility)).body.task_id;
    await waitCompleted(dev, taskId);
    const list = await http(url, 'GET', '/api/v1/tasks?status=completed&type=analysis.feasibility', { token: dev.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { task_id: string }) => t.task_id)).toContain(taskId);
    expect(list.body.items.every((t: { status: string }) => t.status === 'completed')).toBe(true);
    const strangerList = await http(url, 'GET', '/api/v1/tasks', { token: stranger.token });
    expect(strangerList.body.items.map((t: { task_id: string }) => t.task_id)).not.toContain(taskId);
    const cancel = await http(url, 'POST', `/api/v1/tasks/${taskId}/cancel`, { token: dev.token });
    expect(cancel.status).toBe(409);
  });
});
