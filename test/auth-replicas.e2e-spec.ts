import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { http } from './support/http';
import { Platform } from './support/platform';
import Redis from 'ioredis';
import { PrivateRedis, waitFor } from './support/private-redis';

/**
 * Each api replica keeps copies of the user and API key rows it authenticated, trusted only under the
 * account's revision in Redis. These suites check what that must never cost: an account change made
 * through one replica applies to the very next request through another that served (and cached) the
 * account just before; without Redis, authentication reads PostgreSQL and still refuses whom it must.
 */

/** A route that reads nothing of the user row itself, so its answer shows what authentication decided. */
const listKeys = (url: string, credentials: { token?: string; apiKey?: string }) => http(url, 'GET', '/api/v1/auth/api-keys', credentials);

/** Needs mcps:write (developer, not viewer); the empty body is refused with 422 only after the permission check passed. */
const createToolWithoutBody = (url: string, token: string) => http(url, 'POST', '/api/v1/mcps', { token, json: {} });

/** Enough requests for the replica to have claimed a revision and cached the rows under it. */
async function servedTwice(request: () => Promise<{ status: number }>, status = 200): Promise<void> {
  for (let i = 0; i < 3; i++) expect((await request()).status).toBe(status);
}

describe('account changes across api replicas (cached principals)', () => {
  const platform = new Platform({ apis: 2 });
  let one: string;
  let other: string;
  let admin: Account;

  const asAdmin = (method: string, path: string, json?: unknown) => http(one, method, path, { token: admin.token, json });

  beforeAll(async () => {
    await platform.start();
    [one, other] = platform.apis.map((api) => api.url);
    admin = await promoteToAdmin(platform, one, await registerAndLogin(one));
  }, 120_000);
  afterAll(() => platform.stop());

  it('refuses a user deactivated through one replica on the next request through the other', async () => {
    const user = await registerAndLogin(one);
    await servedTwice(() => listKeys(other, { token: user.token }));
    expect((await asAdmin('PATCH', `/api/v1/users/${user.id}`, { is_active: false })).status).toBe(200);
    expect((await listKeys(other, { token: user.token })).status).toBe(401);
    expect((await listKeys(one, { token: user.token })).status).toBe(401);

    expect((await asAdmin('PATCH', `/api/v1/users/${user.id}`, { is_active: true })).status).toBe(200);
    expect((await listKeys(other, { token: user.token })).status).toBe(200);
  });

  it('applies a role change made through one replica to the next request through the other', async () => {
    const user = await registerAndLogin(one);
    await servedTwice(() => createToolWithoutBody(other, user.token), 422);
    expect((await asAdmin('PATCH', `/api/v1/users/${user.id}`, { role: 'viewer' })).status).toBe(200);
    const refused = await createToolWithoutBody(other, user.token);
    expect(refused.status).toBe(403);
    expect(refused.body.required_permission).toBe('mcps:write');
  });

  it('refuses an API key revoked through one replica on the next request through the other', async () => {
    const user = await registerAndLogin(one);
    const created = await http(one, 'POST', '/api/v1/auth/api-keys', { token: user.token, json: { name: 'replicas' } });
    expect(created.status).toBe(201);
    const apiKey = created.body.key as string;
    await servedTwice(() => listKeys(other, { apiKey }));
    expect((await http(one, 'DELETE', `/api/v1/auth/api-keys/${created.body.id}`, { token: user.token })).status).toBe(200);
    const refused = await listKeys(other, { apiKey });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    // The owner's other credentials are untouched by the revocation.
    expect((await listKeys(other, { token: user.token })).status).toBe(200);
  });

  it('refuses an API key of a user deactivated through the other replica', async () => {
    const user = await registerAndLogin(one);
    const apiKey = (await http(one, 'POST', '/api/v1/auth/api-keys', { token: user.token, json: { name: 'k' } })).body.key as string;
    await servedTwice(() => listKeys(other, { apiKey }));
    expect((await asAdmin('PATCH', `/api/v1/users/${user.id}`, { is_active: false })).status).toBe(200);
    expect((await listKeys(other, { apiKey })).status).toBe(401);
  });
});

describe('authentication without Redis (private redis-server)', () => {
  const redis = new PrivateRedis();
  let platform: Platform;
  let url: string;
  let admin: Account;
  let dev: Account;
  let victim: Account;

  beforeAll(async () => {
    await redis.start();
    platform = await new Platform({ redisUrl: redis.url }).start();
    url = platform.api.url;
    admin = await promoteToAdmin(platform, url, await registerAndLogin(url));
    [dev, victim] = await Promise.all([registerAndLogin(url), registerAndLogin(url)]);
  }, 90_000);
  afterAll(async () => {
    await redis.stop();
    await platform.stop().catch(() => undefined);
  });

  async function withRedis<T>(use: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(redis.url);
    try {
      return await use(client);
    } finally {
      client.disconnect();
    }
  }

  it('authenticates from PostgreSQL while Redis is stopped, and still refuses a user deactivated meanwhile', async () => {
    await servedTwice(() => listKeys(url, { token: victim.token }));
    await servedTwice(() => listKeys(url, { token: dev.token }));
    // What a Redis that keeps its data (persistence on) would still hold after the restart below.
    const revisionKey = `${platform.queuePrefix}:auth:rev:${victim.id}`;
    const revision = await withRedis((client) => client.get(revisionKey));
    expect(revision).toEqual(expect.any(String));
    await redis.stop();
    try {
      expect((await listKeys(url, { token: dev.token })).status).toBe(200);
      // Committed, but not announced to other replicas: the admin is told to repeat it.
      const off = await http(url, 'PATCH', `/api/v1/users/${victim.id}`, { token: admin.token, json: { is_active: false } });
      expect(off.status).toBe(503);
      expect(off.body.error_code).toBe('SERVICE_UNAVAILABLE');
      expect((await listKeys(url, { token: victim.token })).status).toBe(401);
      expect((await listKeys(url, { token: dev.token })).status).toBe(200);
    } finally {
      await redis.start();
    }
    await withRedis((client) => client.set(revisionKey, revision!));
    // Requests succeed without Redis; readiness says when the api is connected to it again.
    await waitFor(async () => (await http(url, 'GET', '/health')).status === 200);
    // The revision is the one the victim's copy was cached under: the copy must be gone anyway.
    for (let i = 0; i < 3; i++) expect((await listKeys(url, { token: victim.token })).status).toBe(401);
    const repeated = await http(url, 'PATCH', `/api/v1/users/${victim.id}`, { token: admin.token, json: { is_active: false } });
    expect(repeated.status).toBe(200);
  });
});
