import { randomBytes } from 'node:crypto';
import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { http, type HttpResult } from './support/http';
import { Platform } from './support/platform';

const ALLOWED_ORIGIN = 'https://app.example.com';

describe('security of the HTTP surface', () => {
  const platform = new Platform({
    apis: 2,
    env: { CORS_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:3000`, RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5', TASKS_MAX_UNFINISHED_PER_USER: '3' },
  });
  let url: string;
  let dev: Account;

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    dev = await registerAndLogin(url);
  }, 90_000);
  afterAll(() => platform.stop());

  describe('headers', () => {
    it('sends helmet headers, no-store on authenticated responses, and no HSTS over plain HTTP', async () => {
      const res = await http(url, 'GET', '/api/v1/mcps', { token: dev.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-powered-by')).toBeNull();
      const login = await http(url, 'POST', '/api/v1/auth/login', { json: { username: dev.username, password: dev.password } });
      expect(login.headers.get('cache-control')).toBe('no-store');
    });

    it('sends HSTS when a trusted proxy says the request came over HTTPS', async () => {
      const res = await http(url, 'GET', '/health/live', { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    });

    it('keeps Swagger UI and ReDoc working offline under the CSP: every asset same-origin, no inline script', async () => {
      for (const page of ['/api/docs', '/api/redoc']) {
        const res = await fetch(`${url}${page}`);
        expect(res.status).toBe(200);
        const html = await res.text();
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("script-src 'self'");
        const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
        expect(scripts.length).toBeGreaterThan(0);
        for (const [, attributes, body] of scripts) {
          expect(attributes).toMatch(/src=/);
          expect(body.trim()).toBe('');
        }
        const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, ref]) => new URL(ref, res.url));
        for (const asset of assets) {
          expect(asset.origin).toBe(new URL(url).origin);
          expect((await fetch(asset)).status).toBe(200);
        }
      }
    });
  });

  describe('CORS', () => {
    it('answers a listed origin, including the preflight, and nobody else', async () => {
      const allowed = await http(url, 'GET', '/api/v1/mcps', { token: dev.token, headers: { origin: ALLOWED_ORIGIN } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
      const preflight = await http(url, 'OPTIONS', '/api/v1/mcps', {
        headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      for (const origin of ['https://evil.example.com', 'null', 'https://app.example.com.evil.com']) {
        const foreign = await http(url, 'GET', '/api/v1/mcps', { token: dev.token, headers: { origin } });
        expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
        const foreignPreflight = await http(url, 'OPTIONS', '/api/v1/mcps', { headers: { origin, 'access-control-request-method': 'DELETE' } });
        expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });

  describe('failed authentication', () => {
    const expect429 = (res: HttpResult) => {
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ detail: expect.any(String), error_code: 'RATE_LIMIT_EXCEEDED', retry_after: expect.any(Number) });
      expect(res.body.retry_after).toBeGreaterThan(0);
      expect(res.headers.get('retry-after')).toBe(String(res.body.retry_after));
    };

    it('answers 429 after repeated bad bearer tokens from one IP, counted across replicas', async () => {
      const client = { 'x-forwarded-for': '203.0.113.7' };
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await http(platform.apis[i % 2].url, 'GET', '/api/v1/mcps', { token: `not.a.jwt${i}`, headers: client });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      // Blocked before any check: a valid token from that IP waits too, while other clients are served.
      expect429(await http(url, 'GET', '/api/v1/mcps', { token: dev.token, headers: client }));
      expect((await http(url, 'GET', '/api/v1/mcps', { token: dev.token, headers: { 'x-forwarded-for': '203.0.113.8' } })).status).toBe(200);
    });

    it('answers 429 after repeated random API keys', async () => {
      const client = { 'x-forwarded-for': '198.51.100.23' };
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await http(platform.apis[i % 2].url, 'GET', '/api/v1/mcps', { apiKey: `mcp_live_${randomBytes(16).toString('hex')}`, headers: client });
        statuses.push(res.status);
        if (res.status === 429) expect429(res);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    });
  });

  describe('unfinished tasks per user', () => {
    it('refuses a fourth unfinished task with 429 (no worker runs, so they stay pending); other users are unaffected', async () => {
      const submit = (who: Account) => http(url, 'POST', '/api/v1/analyze/feasibility', { token: who.token, json: CONTRACT.feasibility });
      const accepted = await Promise.all([submit(dev), submit(dev), submit(dev), submit(dev), submit(dev)]);
      expect(accepted.map((r) => r.status).sort()).toEqual([202, 202, 202, 429, 429]);
      const refused = accepted.find((r) => r.status === 429)!;
      expect(refused.body).toMatchObject({ error_code: 'RATE_LIMIT_EXCEEDED', retry_after: expect.any(Number), limit: 3 });
      expect(refused.headers.get('retry-after')).toBe(String(refused.body.retry_after));
      expect(await platform.sql(`SELECT 1 FROM tasks WHERE owner_id = $1`, [dev.id])).toHaveLength(3);
      const other = await registerAndLogin(url);
      expect((await submit(other)).status).toBe(202);
    });
  });
});
