import { randomUUID } from 'node:crypto';
import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { deployRunning, waitForDeployment } from './support/deployments';
import { http } from './support/http';
import { Platform } from './support/platform';
import { processesWithMarker } from './support/stdio/processes';
import { createStdioTool, stdioToolFor } from './support/stdio/stdio-tools';

const PLATFORM_SECRETS = ['DATABASE_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'METRICS_TOKEN', 'REDIS_URL', 'RUNNER_TOKEN'];

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Local stdio runtime: processes run by the workers behind the gateway', () => {
  const platform = new Platform({
    workers: 2,
    env: {
      // Leases must survive event-loop stalls of a loaded CI host, so not lower.
      RUNNER_HEARTBEAT_MS: '2000',
      STDIO_MAX_CRASHES: '3',
      STDIO_RESTART_BACKOFF_MS: '100',
      STDIO_STOP_GRACE_MS: '1000',
      DEPLOYMENT_HEALTH_INTERVAL_MS: '1000',
      METRICS_TOKEN: 'metrics-token-0123456789abcdef',
      RUNNER_TOKEN: 'runner-token-0123456789abcdef0123456789',
    },
  });
  let url: string;
  let dev: Account;
  let admin: Account;

  const call = (slug: string, tool: string, args: unknown = {}) => http(url, 'POST', `/mcp/${slug}/v1/tools/${tool}`, { token: admin.token, json: args });
  const deploy = (toolId: string, token: string, replicas = 2) =>
    http(url, 'POST', '/api/v1/deployments', { token, json: { ...CONTRACT.deploy(toolId), config: { ...CONTRACT.deploy(toolId).config, replicas } } });

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    [dev, admin] = await Promise.all([registerAndLogin(url), registerAndLogin(url)]);
    admin = await promoteToAdmin(platform, url, admin);
  }, 180_000);
  afterAll(() => platform.stop(), 60_000);

  it('needs deployments:stdio (admins only by default) and an allowed command', async () => {
    const toolId = await createStdioTool(url, dev.token, stdioToolFor('stdio-perm', 'perm'));
    const forbidden = await deploy(toolId, dev.token);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error_code: 'FORBIDDEN', required_permission: 'deployments:stdio' });

    const shell = { ...stdioToolFor('stdio-shell', 'shell'), config: { servers: [{ name: 's', command: 'bash', args: ['-c', 'id'] }] } };
    const refused = await deploy(await createStdioTool(url, admin.token, shell), admin.token);
    expect(refused.status).toBe(422);
    expect(refused.body.detail[0]).toMatchObject({ loc: ['body', 'tool_id'], type: 'value_error.command_not_allowed' });
  });

  describe('a server deployed with replicas: 2', () => {
    const marker = `e2e-${randomUUID()}`;
    let id: string;

    it('starts both processes and serves calls from each', async () => {
      const toolId = await createStdioTool(url, admin.token, stdioToolFor('stdio-weather', marker, { flags: ['--linger'], env: { WEATHER_API_KEY: 'wk-upstream-key-123' } }));
      id = await deployRunning(url, admin.token, toolId);
      const d = await waitForDeployment(url, admin.token, id, (b) => b.instances.length === 2 && b.instances.every((i: any) => i.status === 'running'));
      expect(d.instances).toEqual([
        { id: expect.any(String), runtime: 'stdio', status: 'running', restarts: 0, started_at: expect.any(String) },
        { id: expect.any(String), runtime: 'stdio', status: 'running', restarts: 0, started_at: expect.any(String) },
      ]);
      const weather = await call('stdio-weather', 'get_weather', CONTRACT.callWeather);
      expect(weather.status).toBe(200);
      expect(weather.body).toEqual(CONTRACT.weatherAnswer);
      const pids = new Set<number>();
      for (let i = 0; i < 6; i++) pids.add((await call('stdio-weather', 'whoami')).body.pid);
      expect(pids.size).toBe(2);
    });

    it('gives the process only its declared environment plus PATH and HOME: no platform secret', async () => {
      const { env } = (await call('stdio-weather', 'whoami')).body;
      expect(env.WEATHER_API_KEY).toBe('wk-upstream-key-123');
      for (const name of PLATFORM_SECRETS) expect(env).not.toHaveProperty(name);
      expect(Object.keys(env).filter((k) => !['WEATHER_API_KEY', 'PATH', 'HOME'].includes(k))).toEqual([]);
      const values = Object.values(env).join('\n');
      expect(values).not.toContain(platform.databaseUrl);
      expect(values).not.toContain('e2e-secret-that-is-long-enough');
    });

    it('restarts a killed process while the other keeps serving', async () => {
      const victim = (await call('stdio-weather', 'whoami')).body.pid as number;
      process.kill(victim, 'SIGKILL');
      await waitForDeployment(url, admin.token, id, (b) => b.instances.some((i: any) => i.restarts === 1 || i.status === 'restarting'));
      for (let i = 0; i < 5; i++) {
        const res = await call('stdio-weather', 'whoami');
        expect(res.status).toBe(200);
        expect(res.body.pid).not.toBe(victim);
      }
      const d = await waitForDeployment(url, admin.token, id, (b) => b.instances.every((i: any) => i.status === 'running'));
      expect(d.instances.map((i: any) => i.restarts).sort()).toEqual([0, 1]);
      expect((await call('stdio-weather', 'get_weather', CONTRACT.callWeather)).status).toBe(200);
    });

    it('survives kill -9 of its worker: another worker takes it over', async () => {
      const [lease] = await platform.sql<{ holder: string }>('SELECT holder FROM deployment_leases WHERE deployment_id = $1', [id]);
      const holder = platform.workers.find((w) => lease.holder.includes(`:${w.pid}:`))!;
      expect(holder).toBeDefined();
      const killedAt = Date.now();
      holder.signal('SIGKILL');
      const recoveredAt = await until(async () => ((await call('stdio-weather', 'get_weather', CONTRACT.callWeather)).status === 200 ? Date.now() : undefined), 60_000);
      const unavailableS = (recoveredAt - killedAt) / 1000;
      console.log(`stdio failover: gateway calls failed for ${unavailableS.toFixed(2)} s after kill -9 of the worker (RUNNER_HEARTBEAT_MS=2000)`);
      const [moved] = await platform.sql<{ holder: string }>('SELECT holder FROM deployment_leases WHERE deployment_id = $1', [id]);
      expect(moved.holder).not.toBe(lease.holder);
      // The dead worker's servers outlive their stdin (--linger): the worker taking over killed their groups.
      await until(() => processesWithMarker(marker).length === 2 || undefined, 20_000);
      const d = await waitForDeployment(url, admin.token, id, (b) => b.status === 'running' && b.instances.every((i: any) => i.status === 'running'));
      expect(d.instances).toHaveLength(2);
    }, 120_000);

    it('stops: the whole process groups go, the endpoint answers 404', async () => {
      expect((await http(url, 'DELETE', `/api/v1/deployments/${id}`, { token: admin.token })).status).toBe(200);
      await until(() => processesWithMarker(marker).length === 0 || undefined, 20_000);
      expect((await call('stdio-weather', 'get_weather', CONTRACT.callWeather)).status).toBe(404);
    });
  });

  it('deploy/stop through a wrapper process leaves nothing behind', async () => {
    const marker = `cycle-${randomUUID()}`;
    const toolId = await createStdioTool(url, admin.token, stdioToolFor('stdio-cycle', marker, { wrapper: true }));
    for (let i = 0; i < 3; i++) {
      const id = await deployRunning(url, admin.token, toolId);
      expect((await call('stdio-cycle', 'get_weather', CONTRACT.callWeather)).status).toBe(200);
      expect(processesWithMarker(marker)).toHaveLength(4);
      await http(url, 'DELETE', `/api/v1/deployments/${id}`, { token: admin.token });
      await until(() => processesWithMarker(marker).length === 0 || undefined, 20_000);
    }
  }, 120_000);

  it('fails a server that keeps crashing, quoting its stderr', async () => {
    const toolId = await createStdioTool(url, admin.token, stdioToolFor('stdio-crash', `crash-${randomUUID()}`, { flags: ['--fail-start'] }));
    const res = await deploy(toolId, admin.token, 1);
    const d = await waitForDeployment(url, admin.token, res.body.deployment_id, (b) => b.status === 'failed', 30_000);
    expect(d.error).toMatch(/crashed 3 times .*missing WEATHER_API_KEY/);
  });
});
