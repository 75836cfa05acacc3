import Redis from 'ioredis';
import { Account, registerAndLogin } from './support/accounts';
import { createTool, deployRunning, waitForDeployment } from './support/deployments';
import { Platform } from './support/platform';
import { openSse } from './support/realtime';
import { UpstreamMcp } from './support/upstream-mcp';

describe('deployment health across worker replicas', () => {
  const upstream = new UpstreamMcp();
  const platform = new Platform({ workers: 2, env: { UPSTREAM_ALLOW_PRIVATE: 'true', DEPLOYMENT_HEALTH_INTERVAL_MS: '300' } });
  let dev: Account;
  let url: string;

  beforeAll(async () => {
    await upstream.start();
    await platform.start();
    url = platform.api.url;
    dev = await registerAndLogin(url);
  }, 180_000);
  afterAll(async () => {
    await platform.stop();
    await upstream.stop();
  });

  it('registers the health sweep once however many workers start (one run per interval)', async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const repeatable = await redis.zrange(`${platform.queuePrefix}:deployments:repeat`, 0, -1);
      expect(repeatable.filter((key) => key.startsWith('deployments.health-sweep'))).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
  });

  it('upstream killed → unhealthy with a deployment_status event over SSE; upstream back → healthy', async () => {
    const sse = await openSse(url, { token: dev.token });
    const id = await deployRunning(url, dev.token, await createTool(url, dev.token, 'health-tool', upstream.url));
    const port = upstream.port;
    await upstream.stop();
    const down = await sse.next((e) => e.event === 'deployment_status' && e.data.deployment_id === id && e.data.health_status === 'unhealthy');
    expect(down.data).toMatchObject({ type: 'deployment_status', status: 'running', health_status: 'unhealthy' });
    expect((await waitForDeployment(url, dev.token, id, (d) => d.health_status === 'unhealthy')).status).toBe('running');

    await upstream.start(port);
    await sse.next((e) => e.event === 'deployment_status' && e.data.deployment_id === id && e.data.health_status === 'healthy' && e.id !== down.id && sse.events.indexOf(e) > sse.events.indexOf(down));
    const d = await waitForDeployment(url, dev.token, id, (b) => b.health_status === 'healthy');
    expect(d.last_health_check).toBeTruthy();
    sse.close();
  });
});
