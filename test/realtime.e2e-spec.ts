import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { io, Socket } from 'socket.io-client';
import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { createTool } from './support/deployments';
import { http } from './support/http';
import { Platform, TEST_JWT_SECRET } from './support/platform';
import { openSse, publishEvent, until, WsClient } from './support/realtime';

const ALLOWED_ORIGIN = 'https://app.example.com';
const MAX_CONNECTIONS = 3;

describe('realtime topics, sockets following their credentials, origins and connection limits', () => {
  const platform = new Platform({
    env: { REALTIME_RECHECK_SECONDS: '1', REALTIME_MAX_CONNECTIONS_PER_USER: String(MAX_CONNECTIONS), CORS_ORIGINS: ALLOWED_ORIGIN },
  });
  let url: string;
  const open: { close(): void }[] = [];
  const track = <T extends { close(): void }>(client: T) => (open.push(client), client);

  const publish = (ownerId: string, event: { type: string }) => publishEvent(platform.env().REDIS_URL!, platform.queuePrefix, ownerId, event);
  const deploymentStatus = (deploymentId: string) => ({ type: 'deployment_status', deployment_id: deploymentId, status: 'running', health_status: 'healthy' });
  const starting = (deploymentId: string) => ({ type: 'deployment_status', deployment_id: deploymentId, status: 'starting', health_status: 'unknown' });
  /** A deployment of `who`'s own, left `starting` (this platform runs no worker). */
  const ownDeployment = async (who: Account): Promise<string> => {
    const toolId = await createTool(url, who.token, `rt-${randomUUID().slice(0, 8)}`, 'http://upstream.example/mcp');
    const res = await http(url, 'POST', '/api/v1/deployments', { token: who.token, json: CONTRACT.deploy(toolId) });
    expect(res.status).toBe(201);
    return res.body.deployment_id;
  };
  const socketIo = (options: Parameters<typeof io>[1] = {}): Socket =>
    track(io(url, { transports: ['websocket'], reconnection: false, ...options }));
  const connectError = (socket: Socket) => new Promise<Error & { data?: any }>((resolve) => socket.on('connect_error', resolve));
  const connected = (socket: Socket) => new Promise<void>((resolve, reject) => (socket.on('connect', resolve), socket.on('connect_error', reject)));
  /** An access token signed like the api's, expiring in `seconds`. */
  const shortToken = (who: Account, seconds: number) =>
    jwt.sign({ sub: who.id, role: who.role, type: 'access' }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
      issuer: 'mcp-platform',
      audience: 'mcp-platform-api',
      expiresIn: seconds,
    });

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
  }, 90_000);
  afterEach(() => open.splice(0).forEach((client) => client.close()));
  afterAll(() => platform.stop());

  it('subscribing to a deployment gives its current status, then delivers deployment_status live to /ws, Socket.IO and SSE, to no one else', async () => {
    const [owner, stranger] = await Promise.all([registerAndLogin(url), registerAndLogin(url)]);
    const [deploymentId, strangersDeployment] = await Promise.all([ownDeployment(owner), ownDeployment(stranger)]);

    const ws = track(await WsClient.connect(url, owner.token));
    ws.send({ type: 'subscribe', deployment_id: deploymentId });
    expect(await ws.next((m) => m.type === 'subscribed')).toEqual({ type: 'subscribed', deployment_id: deploymentId });
    expect(await ws.next((m) => m.type === 'deployment_status')).toEqual(starting(deploymentId));
    const socket = socketIo({ auth: { token: owner.token } });
    const socketEvents: any[] = [];
    socket.on('deployment_status', (e) => socketEvents.push(e));
    expect(await socket.emitWithAck('subscribe', { deployment_id: deploymentId })).toEqual({ type: 'subscribed', deployment_id: deploymentId });
    expect(socketEvents).toEqual([starting(deploymentId)]);
    const sse = track(await openSse(url, { token: owner.token }));
    const intruder = track(await WsClient.connect(url, stranger.token));
    intruder.send({ type: 'subscribe', deployment_id: deploymentId });
    expect(await intruder.next((m) => m.type === 'error')).toMatchObject({ error_code: 'NOT_FOUND', deployment_id: deploymentId });
    intruder.send({ type: 'subscribe', deployment_id: strangersDeployment });
    await intruder.next((m) => m.type === 'subscribed' && m.deployment_id === strangersDeployment);

    await publish(owner.id, deploymentStatus(deploymentId));
    expect(await ws.next((m) => m.type === 'deployment_status' && m.status === 'running')).toEqual(deploymentStatus(deploymentId));
    expect((await sse.next((e) => e.event === 'deployment_status')).data).toEqual(deploymentStatus(deploymentId));
    await until(() => socketEvents.length > 1);
    expect(socketEvents).toEqual([starting(deploymentId), deploymentStatus(deploymentId)]);

    // Events are delivered in order, so once the stranger has their own event they would have had the owner's.
    await publish(stranger.id, deploymentStatus(strangersDeployment));
    await intruder.next((m) => m.type === 'deployment_status' && m.status === 'running');
    expect(intruder.messages.filter((m) => m.type === 'deployment_status')).toEqual([starting(strangersDeployment), deploymentStatus(strangersDeployment)]);

    ws.send({ type: 'unsubscribe', deployment_id: deploymentId });
    expect(await ws.next((m) => m.type === 'unsubscribed')).toEqual({ type: 'unsubscribed', deployment_id: deploymentId });
    ws.send({ type: 'subscribe' });
    expect(await ws.next((m) => m.type === 'error')).toMatchObject({ error_code: 'VALIDATION_ERROR' });
  });

  it('ends /ws, SSE and Socket.IO when the access token expires', async () => {
    const user = await registerAndLogin(url);
    const token = shortToken(user, 2);
    const deploymentId = await ownDeployment(user);
    const ws = track(await WsClient.connect(url, token));
    ws.send({ type: 'subscribe', deployment_id: deploymentId });
    await ws.next((m) => m.type === 'subscribed');
    const sse = track(await openSse(url, { token }));
    const socket = socketIo({ auth: { token } });
    await connected(socket);
    const disconnected = new Promise((resolve) => socket.on('disconnect', resolve));

    expect(await ws.closed(5_000)).toBe(4401);
    await until(() => sse.ended, 5_000);
    await disconnected;
    expect((await http(url, 'GET', `/events?token=${token}`)).status).toBe(401);
  });

  it('ends /ws, SSE and Socket.IO when their API key is revoked, and /ws when the user is deactivated', async () => {
    const [user, other] = await Promise.all([registerAndLogin(url), registerAndLogin(url)]);
    const created = await http(url, 'POST', '/api/v1/auth/api-keys', { token: user.token, json: { name: 'realtime' } });
    expect(created.status).toBe(201);
    const apiKey = created.body.key as string;
    const ws = track(await WsClient.connect(url, '', { 'X-API-Key': apiKey }));
    const sse = track(await openSse(url, { apiKey }));
    const socket = socketIo({ extraHeaders: { 'X-API-Key': apiKey } });
    await connected(socket);
    const disconnected = new Promise((resolve) => socket.on('disconnect', resolve));
    const deactivated = track(await WsClient.connect(url, other.token));

    expect((await http(url, 'DELETE', `/api/v1/auth/api-keys/${created.body.id}`, { token: user.token })).status).toBe(200);
    expect(await ws.closed(5_000)).toBe(4401);
    await until(() => sse.ended, 5_000);
    await disconnected;

    await platform.sql('UPDATE users SET is_active = false WHERE id = $1', [other.id]);
    expect(await deactivated.closed(5_000)).toBe(4401);
  });

  it('refuses a foreign Origin on /ws and Socket.IO, and admits CORS_ORIGINS and the same origin', async () => {
    const user = await registerAndLogin(url);
    await expect(WsClient.connect(url, user.token, { Origin: 'https://evil.example' })).rejects.toThrow(/403/);
    track(await WsClient.connect(url, user.token, { Origin: ALLOWED_ORIGIN }));
    track(await WsClient.connect(url, user.token, { Origin: url }));

    const foreign = socketIo({ auth: { token: user.token }, extraHeaders: { Origin: 'https://evil.example' } });
    await connectError(foreign);
    expect(foreign.connected).toBe(false);
    await connected(socketIo({ auth: { token: user.token }, extraHeaders: { Origin: ALLOWED_ORIGIN } }));

    // Polling answers no Access-Control-Allow-Origin to a foreign page, and the allowed origin to an allowed one.
    const handshake = (origin: string) => http(url, 'GET', '/socket.io/?EIO=4&transport=polling', { headers: { Origin: origin } });
    const refused = await handshake('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const admitted = await handshake(ALLOWED_ORIGIN);
    expect(admitted.status).toBe(200);
    expect(admitted.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it(`limits a user to ${MAX_CONNECTIONS} concurrent realtime connections across transports`, async () => {
    const [user, other] = await Promise.all([registerAndLogin(url), registerAndLogin(url)]);
    const first = track(await WsClient.connect(url, user.token));
    track(await WsClient.connect(url, user.token));
    track(await openSse(url, { token: user.token }));

    expect(await track(await WsClient.connect(url, user.token)).closed()).toBe(4429);
    const sse = await http(url, 'GET', `/events?token=${user.token}`);
    expect(sse.status).toBe(429);
    expect(sse.body).toMatchObject({ error_code: 'RATE_LIMIT_EXCEEDED', detail: expect.stringContaining(String(MAX_CONNECTIONS)) });
    const refused = await connectError(socketIo({ auth: { token: user.token } }));
    expect(refused.data).toEqual({ error_code: 'RATE_LIMIT_EXCEEDED' });
    track(await WsClient.connect(url, other.token));

    // Closing one frees its place (the server may take a moment to see the close).
    first.close();
    for (let attempt = 1; ; attempt++) {
      const client = track(await WsClient.connect(url, user.token));
      client.send({ type: 'ping' });
      await until(() => client.closeCode !== undefined || client.messages.some((m) => m.type === 'pong'));
      if (client.closeCode === undefined) break;
      if (attempt === 10) throw new Error('no connection admitted after one was closed');
    }
  });
});
