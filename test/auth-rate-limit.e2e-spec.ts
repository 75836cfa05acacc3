import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import { registerAndLogin } from './support/accounts';
import { http } from './support/http';
import { Platform, TEST_JWT_SECRET } from './support/platform';
import { PrivateRedis } from './support/private-redis';

describe('rate limits shared by api replicas', () => {
  const platform = new Platform({ apis: 2, env: { RATE_LIMIT_AUTH_PER_MINUTE: '5', RATE_LIMIT_DEFAULT_PER_MINUTE: '8' } });
  const attempt = (url: string, username: string) =>
    http(url, 'POST', '/api/v1/auth/login', { json: { username, password: 'definitely-wrong' } });

  beforeAll(() => platform.start(), 90_000);
  afterAll(() => platform.stop());

  it('stops brute-force logins with the contract 429 and Retry-After, counting across both apis', async () => {
    const [a, b] = platform.apis;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(i % 2 ? b.url : a.url, 'victim')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await attempt(b.url, 'victim');
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ detail: 'Rate limit exceeded. Please try again later.', error_code: 'RATE_LIMIT_EXCEEDED', retry_after: expect.any(Number) });
    expect(blocked.body.retry_after).toBeGreaterThan(0);
    expect(blocked.body.retry_after).toBeLessThanOrEqual(60);
    expect(blocked.headers.get('retry-after')).toBe(String(blocked.body.retry_after));
    // Only the standard header: the throttler's per-name twins (Retry-After-credentials-ip) are internals.
    expect([...blocked.headers.keys()].filter((name) => name.startsWith('retry-after'))).toEqual(['retry-after']);
  });

  it('limits everything else per principal, also across apis', async () => {
    // The login endpoint is exhausted for this IP by now, so the principal's token is minted directly.
    const [user] = await platform.sql<{ id: string }>(
      `INSERT INTO users (username, email, password_hash, role) VALUES ('busy', 'busy@example.com', 'x', 'developer') RETURNING id`,
    );
    const token = jwt.sign({ sub: user.id, role: 'developer', type: 'access' }, TEST_JWT_SECRET, {
      algorithm: 'HS256', issuer: 'mcp-platform', audience: 'mcp-platform-api', expiresIn: 900,
    });
    const [a, b] = platform.apis;
    const answers: Array<[number, string | null]> = [];
    for (let i = 0; i < 9; i++) {
      const res = await http(i % 2 ? b.url : a.url, 'GET', '/api/v1/mcps', { token });
      answers.push([res.status, res.headers.get('x-ratelimit-remaining-principal')]);
    }
    // The first requests to each api count in a trip of their own, later ones (the principal cached)
    // in the authentication's: one window either way.
    expect(answers).toEqual([...[7, 6, 5, 4, 3, 2, 1, 0].map((left) => [200, String(left)]), [429, null]]);
  });
});

describe('the principal limit counted in the authentication’s Redis round trip', () => {
  const redis = new PrivateRedis();
  let platform: Platform;
  let url: string;
  /** Every command the api sends that touches a failure count or a principal window. */
  let commands: string[][] = [];
  let monitor: Redis;

  beforeAll(async () => {
    await redis.start();
    platform = await new Platform({ redisUrl: redis.url, env: { RATE_LIMIT_DEFAULT_PER_MINUTE: '1000' } }).start();
    url = platform.api.url;
    // monitor() opens a connection of its own: the lazy one it is called on never connects.
    monitor = await new Redis(redis.url, { lazyConnect: true }).monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      // What a script runs is logged too (from "lua"): only the commands the api sent are round trips.
      if (source !== 'lua' && args.some((arg) => /:ratelimit:(principal|auth-failures):/.test(arg))) commands.push(args);
    });
  }, 90_000);
  afterAll(async () => {
    monitor?.disconnect();
    await platform?.stop();
    await redis.stop();
  });

  /** The commands one request sent, and the principal's remaining count it answered with. */
  async function oneRequest(credentials: { token?: string; apiKey?: string }): Promise<{ status: number; left: number; commands: string[][] }> {
    commands = [];
    const res = await http(url, 'GET', '/api/v1/auth/api-keys', credentials);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { status: res.status, left: Number(res.headers.get('x-ratelimit-remaining-principal')), commands };
  }

  it('makes one round trip for a token or key verified before, and counts every request once', async () => {
    const user = await registerAndLogin(url);
    const apiKey = (await http(url, 'POST', '/api/v1/auth/api-keys', { token: user.token, json: { name: 'k' } })).body.key as string;
    // A key's first use: its owner is unknown before it is read, so the limiter counts after authentication.
    expect((await oneRequest({ apiKey })).commands).toHaveLength(2);
    for (const credentials of [{ token: user.token }, { apiKey }]) {
      await oneRequest(credentials);
      const cached = await oneRequest(credentials);
      expect(cached.status).toBe(200);
      expect(cached.commands).toHaveLength(1);
      expect(cached.commands[0].join(' ')).toMatch(/:auth-failures:.*:ratelimit:principal:/);
      const next = await oneRequest(credentials);
      expect(next.left).toBe(cached.left - 1);
    }
  });

  it('does not count a revoked key against its owner', async () => {
    const user = await registerAndLogin(url);
    const created = await http(url, 'POST', '/api/v1/auth/api-keys', { token: user.token, json: { name: 'revoked' } });
    const apiKey = created.body.key as string;
    for (let i = 0; i < 3; i++) expect((await oneRequest({ apiKey })).status).toBe(200);
    expect((await http(url, 'DELETE', `/api/v1/auth/api-keys/${created.body.id}`, { token: user.token })).status).toBe(200);
    const before = await oneRequest({ token: user.token });
    for (let i = 0; i < 3; i++) expect((await oneRequest({ apiKey })).status).toBe(401);
    expect((await oneRequest({ token: user.token })).left).toBe(before.left - 1);
  });
});
