import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { http } from './support/http';
import { Platform } from './support/platform';

/** Clients retry after timeouts: a repeated `Idempotency-Key` must not act twice. */
describe('Idempotency-Key on creating POSTs', () => {
  const platform = new Platform();
  let dev: Account;
  let other: Account;
  let n = 0;
  const freshKey = () => `key-${Date.now()}-${++n}`;
  const submit = (account: Account, key: string, json: unknown = CONTRACT.feasibility) =>
    http(platform.api.url, 'POST', '/api/v1/analyze/feasibility', { token: account.token, json, headers: { 'Idempotency-Key': key } });
  const taskCount = async (account: Account) =>
    (await platform.sql<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE owner_id = $1', [account.id]))[0].n;

  beforeAll(async () => {
    await platform.start();
    [dev, other] = await Promise.all([registerAndLogin(platform.api.url), registerAndLogin(platform.api.url)]);
  }, 90_000);
  afterAll(() => platform.stop());

  it('creates one task for a repeated key and replays the first answer', async () => {
    const before = await taskCount(dev);
    const key = freshKey();
    const first = await submit(dev, key);
    const again = await submit(dev, key);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await taskCount(dev)).toBe(before + 1);
  });

  it('acts once when the same key arrives concurrently', async () => {
    const before = await taskCount(dev);
    const key = freshKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => submit(dev, key)));
    expect(answers.every((a) => a.status === 202 || a.status === 409)).toBe(true);
    const ids = new Set(answers.filter((a) => a.status === 202).map((a) => a.body.task_id));
    expect(ids.size).toBe(1);
    expect(await taskCount(dev)).toBe(before + 1);
  });

  it('refuses the same key with a different body (422) and keeps keys per principal', async () => {
    const key = freshKey();
    expect((await submit(dev, key)).status).toBe(202);
    const changed = await submit(dev, key, { config: { ...CONTRACT.feasibility.config, name: 'another-tool' } });
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({ error_code: 'VALIDATION_ERROR', detail: [{ loc: ['header', 'Idempotency-Key'], type: 'idempotency_key_reused' }] });
    const before = await taskCount(other);
    expect((await submit(other, key)).status).toBe(202);
    expect(await taskCount(other)).toBe(before + 1);
  });

  it('forgets the key of a failed request, so the retry acts', async () => {
    const key = freshKey();
    expect((await submit(dev, key, { config: 'not an object' })).status).toBe(422);
    expect((await submit(dev, key)).status).toBe(202);
  });

  it('replays a created tool with its ETag, and an API key without storing the key in clear', async () => {
    const key = freshKey();
    const tool = { ...CONTRACT.createTool, name: `idem-tool-${n}` };
    const created = await http(platform.api.url, 'POST', '/api/v1/mcps', { token: dev.token, json: tool, headers: { 'Idempotency-Key': key } });
    const replayed = await http(platform.api.url, 'POST', '/api/v1/mcps', { token: dev.token, json: tool, headers: { 'Idempotency-Key': key } });
    expect(created.status).toBe(201);
    expect(replayed.status).toBe(201);
    expect(replayed.body).toEqual(created.body);
    expect(replayed.headers.get('etag')).toBe(created.headers.get('etag'));

    // A key names one request: the same key on another route is a different request.
    const elsewhere = await http(platform.api.url, 'POST', '/api/v1/auth/api-keys', { token: dev.token, json: { name: 'ci' }, headers: { 'Idempotency-Key': key } });
    expect(elsewhere.status).toBe(422);
    const keyFor = freshKey();
    const createKey = () => http(platform.api.url, 'POST', '/api/v1/auth/api-keys', { token: dev.token, json: { name: 'ci' }, headers: { 'Idempotency-Key': keyFor } });
    const first = await createKey();
    const second = await createKey();
    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const stored = await platform.sql<{ response: string }>('SELECT response FROM idempotency_keys WHERE key = $1', [keyFor]);
    expect(stored).toHaveLength(1);
    expect(stored[0].response).not.toContain(first.body.key);
  });

  it('documents the header on every creating POST', async () => {
    const doc = (await http(platform.api.url, 'GET', '/api/docs-json')).body;
    const creating = [
      ['/api/v1/analyze/feasibility', 'post'],
      ['/api/v1/analyze/improvements', 'post'],
      ['/api/v1/analyze/generate-config', 'post'],
      ['/api/v1/mcps', 'post'],
      ['/api/v1/mcps/import', 'post'],
      ['/api/v1/knowledge/documents', 'post'],
      ['/api/v1/auth/api-keys', 'post'],
      ['/api/v1/deployments', 'post'],
      ['/api/v1/deployments/{id}/redeploy', 'post'],
    ];
    for (const [path, method] of creating) {
      expect(doc.paths[path][method].parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    }
  });
});
