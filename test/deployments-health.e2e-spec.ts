import Redis from 'ioredis';
import { io } from 'socket.io-client';
import { Account, registerAndLogin } from './support/accounts';
import { createTool, deployRunning, waitForDeployment } from './support/deployments';
import { Platform } from './support/platform';
import { openSse, until, WsClient } from './support/realtime';
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

  it('upstream killed → unhealthy with a deployment_status event over SSE, /ws and Socket.IO; upstream back → healthy', async () => {
    const sse = await openSse(url, { token: dev.token });
    const id = await deployRunning(url, dev.token, await createTool(url, dev.token, 'health-tool', upstream.url));
    const running = { type: 'deployment_status', deployment_id: id, status: 'running', health_status: 'healthy' };
    // Subscribers get the current state first, then live changes.
    const ws = await WsClient.connect(url, dev.token);
    ws.send({ type: 'subscribe', deployment_id: id });
    expect(await ws.next((m) => m.type === 'deployment_status')).toEqual(running);
    const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: dev.token } });
    const socketEvents: any[] = [];
    socket.on('deployment_status', (e) => socketEvents.push(e));
    expect(await socket.emitWithAck('subscribe', { deployment_id: id })).toEqual({ type: 'subscribed', deployment_id: id });
    expect(socketEvents).toEqual([running]);
    const stranger = await WsClient.connect(url, (await registerAndLogin(url)).token);
    stranger.send({ type: 'subscribe', deployment_id: id });
    expect(await stranger.next((m) => m.type === 'error')).toMatchObject({ error_code: 'NOT_FOUND', deployment_id: id });

    const port = upstream.port;
    await upstream.stop();
    const down = await sse.next((e) => e.event === 'deployment_status' && e.data.deployment_id === id && e.data.health_status === 'unhealthy');
    expect(down.data).toMatchObject({ type: 'deployment_status', status: 'running', health_status: 'unhealthy' });
    expect(await ws.next((m) => m.health_status === 'unhealthy')).toEqual({ ...running, health_status: 'unhealthy' });
    await until(() => socketEvents.some((e) => e.health_status === 'unhealthy'));
    ws.close();
    socket.close();
    stranger.close();
    expect((await waitForDeployment(url, dev.token, id, (d) => d.health_status === 'unhealthy')).status).toBe('running');

    await upstream.start(port);
    await sse.next((e) => e.event === 'deployment_status' && e.data.deployment_id === id && e.data.health_status === 'healthy' && e.id !== down.id && sse.events.indexOf(e) > sse.events.indexOf(down));
    const d = await waitForDeployment(url, dev.token, id, (b) => b.health_status === 'healthy');
    expect(d.last_health_check).toBeTruthy();
    sse.close();
  });
});
