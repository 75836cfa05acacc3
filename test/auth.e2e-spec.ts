import jwt from 'jsonwebtoken';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Account, login, registerAndLogin } from './support/accounts';
import { ISO_DATE, UUID } from './support/contract';
import { http } from './support/http';
import { Platform, TEST_JWT_SECRET } from './support/platform';

const UNAUTHORIZED = { detail: expect.any(String), error_code: 'UNAUTHORIZED' };

describe('authentication and access control', () => {
  const platform = new Platform();
  let url: string;
  let dev: Account;
  const me = (headers: Record<string, string>) => http(url, 'GET', '/api/v1/auth/me', { headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const forge = (claims: object, options: jwt.SignOptions = {}, secret = TEST_JWT_SECRET) =>
    jwt.sign({ role: 'developer', type: 'access', ...claims }, secret, {
      algorithm: 'HS256',
      issuer: 'mcp-platform',
      audience: 'mcp-platform-api',
      expiresIn: 900,
      ...options,
    });

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    dev = await registerAndLogin(url);
  }, 90_000);
  afterAll(() => platform.stop());

  describe('the contract examples', () => {
    it('registers a user without exposing secrets', async () => {
      const res = await http(url, 'POST', '/api/v1/auth/register', {
        json: { username: 'developer', email: 'dev@example.com', password: 'SecurePassword123!', role: 'developer' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        username: 'developer',
        email: 'dev@example.com',
        role: 'developer',
        is_active: true,
        created_at: expect.stringMatching(ISO_DATE),
      });
    });

    it('logs in, refreshes with rotation, creates and uses an API key', async () => {
      const loggedIn = await http(url, 'POST', '/api/v1/auth/login', { json: { username: 'developer', password: 'SecurePassword123!' } });
      expect(loggedIn.status).toBe(200);
      expect(loggedIn.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer', expires_in: 900 });

      const refreshed = await http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: loggedIn.body.refresh_token } });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ access_token: expect.any(String), token_type: 'bearer', expires_in: 900 });
      expect(refreshed.body.refresh_token).not.toBe(loggedIn.body.refresh_token);

      const created = await http(url, 'POST', '/api/v1/auth/api-keys', {
        token: refreshed.body.access_token,
        json: { name: 'Production API Key', expires_at: '2099-12-31T23:59:59Z' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(UUID),
        name: 'Production API Key',
        key: expect.stringMatching(/^mcp_live_[A-Za-z0-9_-]{43}$/),
        created_at: expect.stringMatching(ISO_DATE),
        expires_at: '2099-12-31T23:59:59.000Z',
      });

      const listed = await http(url, 'GET', '/api/v1/mcps', { headers: { 'X-API-Key': created.body.key } });
      expect(listed.status).toBe(200);
      const keys = await http(url, 'GET', '/api/v1/auth/api-keys', { apiKey: created.body.key });
      expect(keys.body.items).toEqual([expect.objectContaining({ id: created.body.id, prefix: created.body.key.slice(0, 15) })]);
      expect(keys.text).not.toContain(created.body.key);
    });

    it('answers /auth/me for the token owner', async () => {
      const res = await me(bearer(dev.token));
      expect(res.body).toMatchObject({ id: dev.id, username: dev.username, role: 'developer', is_active: true });
    });
  });

  describe('tokens that must be refused', () => {
    it('refuses missing, malformed, alg:none, wrong-signature, expired, wrong-audience and refresh tokens', async () => {
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: dev.id, role: 'admin', type: 'access', iss: 'mcp-platform', aud: 'mcp-platform-api', exp: 9999999999 }),
      ).toString('base64url')}.`;
      const cases: Record<string, Record<string, string>> = {
        missing: {},
        malformed: bearer('not-a-jwt'),
        'alg none': bearer(none),
        'wrong signature': bearer(forge({ sub: dev.id }, {}, 'another-secret-that-is-long-enough-012345')),
        expired: bearer(forge({ sub: dev.id }, { expiresIn: -10 })),
        'wrong audience': bearer(forge({ sub: dev.id }, { audience: 'someone-else' })),
        'wrong issuer': bearer(forge({ sub: dev.id }, { issuer: 'someone-else' })),
        'refresh token as access token': bearer(dev.refreshToken),
        'HS512 instead of HS256': bearer(forge({ sub: dev.id }, { algorithm: 'HS512' })),
      };
      for (const [name, headers] of Object.entries(cases)) {
        const res = await me(headers);
        expect({ name, status: res.status, body: res.body }).toEqual({ name, status: 401, body: UNAUTHORIZED });
      }
      expect((await me(bearer(forge({ sub: dev.id })))).status).toBe(200);
    });

    it('locks a deactivated user out at once', async () => {
      const user = await registerAndLogin(url);
      expect((await me(bearer(user.token))).status).toBe(200);
      await platform.sql('UPDATE users SET is_active = false WHERE id = $1', [user.id]);
      expect((await me(bearer(user.token))).status).toBe(401);
    });
  });

  describe('refresh token rotation', () => {
    it('revokes the whole family when a used refresh token comes back', async () => {
      const user = await registerAndLogin(url);
      const first = await http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: user.refreshToken } });
      expect(first.status).toBe(200);
      const reuse = await http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: user.refreshToken } });
      expect(reuse.status).toBe(401);
      const legit = await http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: first.body.refresh_token } });
      expect(legit.status).toBe(401);
    });

    it('lets exactly one of two concurrent refreshes win', async () => {
      const user = await registerAndLogin(url);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: user.refreshToken } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
    });

    it('logs out by revoking the family', async () => {
      const user = await registerAndLogin(url);
      expect((await http(url, 'POST', '/api/v1/auth/logout', { json: { refresh_token: user.refreshToken } })).status).toBe(200);
      expect((await http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: user.refreshToken } })).status).toBe(401);
    });
  });

  describe('accounts and keys', () => {
    it('refuses duplicate usernames and emails with 409', async () => {
      const body = { username: dev.username.toUpperCase(), email: 'other@example.com', password: 'Another-Passw0rd' };
      expect((await http(url, 'POST', '/api/v1/auth/register', { json: body })).body.error_code).toBe('CONFLICT');
      const email = { username: 'someone_else', email: `${dev.username}@EXAMPLE.com`, password: 'Another-Passw0rd' };
      expect((await http(url, 'POST', '/api/v1/auth/register', { json: email })).status).toBe(409);
    });

    it('refuses self-registration as admin and weak passwords', async () => {
      const admin = await http(url, 'POST', '/api/v1/auth/register', {
        json: { username: 'wannabe', email: 'wannabe@example.com', password: 'SecurePassword123!', role: 'admin' },
      });
      expect(admin.status).toBe(422);
      expect(admin.body.detail[0]).toMatchObject({ loc: ['body', 'role'], type: 'type_error.enum' });
      const weak = await http(url, 'POST', '/api/v1/auth/register', { json: { username: 'weakling', email: 'w@example.com', password: 'short' } });
      expect(weak.body.detail[0].loc).toEqual(['body', 'password']);
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const wrong = await http(url, 'POST', '/api/v1/auth/login', { json: { username: dev.username, password: 'wrong-password' } });
      const unknown = await http(url, 'POST', '/api/v1/auth/login', { json: { username: 'nobody_here', password: 'wrong-password' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
    });

    it('refuses revoked and expired API keys', async () => {
      const create = (expires_at?: string) =>
        http(url, 'POST', '/api/v1/auth/api-keys', { token: dev.token, json: { name: 'k', ...(expires_at ? { expires_at } : {}) } });
      const revoked = (await create()).body;
      expect((await me({ 'x-api-key': revoked.key })).status).toBe(200);
      expect((await http(url, 'DELETE', `/api/v1/auth/api-keys/${revoked.id}`, { token: dev.token })).status).toBe(200);
      expect((await me({ 'x-api-key': revoked.key })).status).toBe(401);
      const expiring = (await create(new Date(Date.now() + 1500).toISOString())).body;
      expect((await me({ 'x-api-key': expiring.key })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1600));
      expect((await me({ 'x-api-key': expiring.key })).status).toBe(401);
      expect((await me({ 'x-api-key': 'mcp_live_guessed' })).status).toBe(401);
    });

    it('stores no raw API key or password', async () => {
      const key = (await http(url, 'POST', '/api/v1/auth/api-keys', { token: dev.token, json: { name: 'audit' } })).body.key;
      const keyRows = await platform.sql<Record<string, unknown>>('SELECT * FROM api_keys');
      expect(JSON.stringify(keyRows)).not.toContain(key);
      expect(JSON.stringify(keyRows)).not.toContain(key.slice(15));
      const users = await platform.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [dev.id]);
      expect(users[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(users[0].password_hash).not.toContain(dev.password);
      expect(platform.api.logs()).not.toContain(dev.password);
      expect(platform.api.logs()).not.toContain(key);
    });

    it('upgrades a weaker password hash at login', async () => {
      const user = await registerAndLogin(url);
      const weak = spawnSync(process.execPath, ['-e', `require('argon2').hash(process.argv[1], {type: 2, memoryCost: 4096, timeCost: 1, parallelism: 1}).then((h) => process.stdout.write(h))`, user.password], {
        encoding: 'utf8',
      }).stdout;
      await platform.sql('UPDATE users SET password_hash = $1 WHERE id = $2', [weak, user.id]);
      await login(url, user.username, user.password);
      const [row] = await platform.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(row.password_hash).toMatch(/m=19456,p=1,t=2/);
    });
  });

  describe('the route inventory', () => {
    it('finds every route public, permission-guarded or authenticated-only', () => {
      const run = spawnSync(process.execPath, [join(__dirname, '..', 'dist/apps/api/apps/api/src/cli/route-inventory.js')], {
        env: platform.env(),
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr).toBe('');
      const routes: { method: string; path: string; access: string }[] = JSON.parse(run.stdout);
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.filter((r) => r.access === 'none')).toEqual([]);
      const access = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.access;
      expect(access('GET', '/health')).toBe('public');
      expect(access('GET', '/metrics')).toBe('public');
      expect(access('POST', '/api/v1/auth/login')).toBe('public');
      expect(access('POST', '/api/v1/auth/api-keys')).toBe('authenticated');
      expect(access('DELETE', '/api/v1/mcps/:id')).toBe('permission:mcps:delete');
      expect(access('POST', '/api/v1/analyze/feasibility')).toBe('permission:analysis:run');
    });
  });
});
