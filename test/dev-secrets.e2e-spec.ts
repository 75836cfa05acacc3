import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { http } from './support/http';
import { Platform } from './support/platform';

/** Development with no secrets in the environment: what `npm start` does on a fresh machine. */
describe('development secrets', () => {
  const platform = new Platform({ apis: 2, env: { NODE_ENV: 'development', JWT_SECRET: undefined, ENCRYPTION_KEY: undefined } });

  beforeAll(() => platform.start(), 90_000);
  afterAll(() => platform.stop());

  it('generates random secrets once, kept in the database, so replicas agree and restarts keep sessions', async () => {
    const [a, b] = platform.apis;
    const rows = await platform.sql<{ name: string; value: string }>('SELECT name, value FROM dev_secrets ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['ENCRYPTION_KEY', 'JWT_SECRET']);
    expect(Buffer.from(rows[0].value, 'base64')).toHaveLength(32);
    const user = await registerAndLogin(a.url);
    expect((await http(b.url, 'GET', '/api/v1/auth/me', { token: user.token })).status).toBe(200);
    // A secret sealed by one replica opens on the other: sending the mask back keeps it.
    const config = { servers: [{ name: 's', command: 'npx', args: ['x'], env: { API_KEY: 'sk-dev-plaintext' } }] };
    const tool = await http(a.url, 'POST', '/api/v1/mcps', { token: user.token, json: { ...CONTRACT.createTool, config } });
    const kept = await http(b.url, 'PUT', `/api/v1/mcps/${tool.body.id}`, {
      token: user.token,
      json: { description: 'kept', config: { servers: [{ ...config.servers[0], env: { API_KEY: '********' } }] } },
    });
    expect(kept.status).toBe(200);
    await a.stop();
    const restarted = await (await platform.spawn('api')).waitReady();
    platform.apis.push(restarted);
    expect((await http(restarted.url, 'GET', '/api/v1/auth/me', { token: user.token })).status).toBe(200);
    expect(await platform.sql('SELECT value FROM dev_secrets ORDER BY name')).toEqual(rows.map(({ value }) => ({ value })));
  });

  it('cannot be forged from public data such as DATABASE_URL', async () => {
    const user = await registerAndLogin(platform.apis[1].url);
    const derived = createHash('sha256').update(`mcp-platform-dev:jwt:${platform.databaseUrl}`).digest().toString('base64url');
    const forged = jwt.sign({ sub: user.id, role: 'admin', type: 'access' }, derived, {
      algorithm: 'HS256', issuer: 'mcp-platform', audience: 'mcp-platform-api', expiresIn: 900,
    });
    expect((await http(platform.apis[1].url, 'GET', '/api/v1/auth/me', { token: forged })).status).toBe(401);
  });
});
