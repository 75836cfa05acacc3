import jwt from 'jsonwebtoken';
import { http } from './support/http';
import { Platform, TEST_JWT_SECRET } from './support/platform';

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
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await http(i % 2 ? b.url : a.url, 'GET', '/api/v1/mcps', { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
  });
});
