import { vi } from 'vitest';
import { NotFound, Unauthorized, type AppConfig, type BusMessage, type EventBus, type PlatformEvent } from '@app/core';
import { ROLE_PERMISSIONS, type AuthenticationService, type AuthUser } from '@app/auth';
import type { ConnectionLimit } from './connection-limit';
import type { Transport } from './realtime-session';
import { SubscriptionsService } from './subscriptions.service';
import type { TopicProvider } from './topic-provider';

const user = (id: string, role: AuthUser['role'] = 'developer', expiresAt?: Date): AuthUser => ({
  id,
  username: id,
  role,
  permissions: ROLE_PERMISSIONS[role],
  expiresAt,
});
const taskUpdate = (taskId: string, status: 'running' | 'completed' = 'running'): PlatformEvent => ({
  type: 'task_update',
  task_id: taskId,
  status,
  progress: status === 'completed' ? 100 : 50,
  message: null,
});
const deploymentStatus = (deploymentId: string): PlatformEvent => ({ type: 'deployment_status', deployment_id: deploymentId, status: 'running' });

/** The service with its collaborators replaced: a bus the test publishes on, credentials the test revokes. */
function newTestService() {
  let listener: (message: BusMessage) => void = () => undefined;
  const bus = { onMessage: (l: typeof listener) => ((listener = l), () => undefined) } as unknown as EventBus;
  const principals = new Map<string, AuthUser>();
  const auth = {
    authenticate: vi.fn(async ({ bearer }: { bearer?: string }) => {
      const found = bearer && principals.get(bearer);
      if (!found) throw Unauthorized();
      return found;
    }),
  } as unknown as AuthenticationService;
  const limit = { acquire: vi.fn(async () => undefined), release: vi.fn(async () => undefined), renew: vi.fn(async () => undefined) };
  let snapshotRead: Promise<PlatformEvent> | undefined;
  const tasks: TopicProvider = {
    topic: 'task',
    snapshot: vi.fn(async (_user: AuthUser, id: string) => {
      if (id === 'foreign') throw NotFound('task', id);
      return snapshotRead ?? taskUpdate(id);
    }),
  };
  const config = { realtime: { recheckSeconds: 60, maxConnectionsPerUser: 50 } } as AppConfig;
  const service = new SubscriptionsService(bus, auth, limit as unknown as ConnectionLimit, [tasks], config);
  const publish = (ownerId: string, event: PlatformEvent) => listener({ id: `m-${Math.random()}`, owner_id: ownerId, event });
  const open = async (principal: AuthUser, options: { everything?: boolean } = {}) => {
    principals.set(`token-${principal.id}`, principal);
    const transport = { kind: 'ws' as const, send: vi.fn<Transport['send']>(), end: vi.fn<Transport['end']>() };
    const session = await service.open({ bearer: `token-${principal.id}` }, transport, options);
    const sent = () => transport.send.mock.calls.map(([event]) => event);
    return { session, transport, sent, revoke: () => principals.delete(`token-${principal.id}`) };
  };
  const slowSnapshot = () => {
    let resolve!: (event: PlatformEvent) => void;
    snapshotRead = new Promise((r) => (resolve = r));
    return resolve;
  };
  return { service, publish, open, limit, slowSnapshot };
}

describe('SubscriptionsService', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a subscription with the subject’s current state', async () => {
    const { service, open } = newTestService();
    const { session } = await open(user('u1'));
    expect(await service.subscribe(session, { topic: 'task', id: 't1' })).toEqual(taskUpdate('t1'));
  });

  it('drops the snapshot when a live event overtook it during the read', async () => {
    const { service, open, publish, slowSnapshot } = newTestService();
    const { session, sent } = await open(user('u1'));
    const finishRead = slowSnapshot();
    const subscribing = service.subscribe(session, { topic: 'task', id: 't1' });
    await vi.waitFor(() => expect(session.subscriptions.size).toBe(1));
    publish('u1', taskUpdate('t1', 'completed'));
    finishRead(taskUpdate('t1', 'running'));
    expect(await subscribing).toBeUndefined();
    expect(sent()).toEqual([taskUpdate('t1', 'completed')]);
  });

  it('does not send a state twice when its live event arrives just after a snapshot that already showed it', async () => {
    const { service, open, publish, slowSnapshot } = newTestService();
    const { session, sent } = await open(user('u1'));
    const finishRead = slowSnapshot();
    const subscribing = service.subscribe(session, { topic: 'task', id: 't1' });
    // Committed before the read, published after it.
    finishRead(taskUpdate('t1', 'completed'));
    expect(await subscribing).toEqual(taskUpdate('t1', 'completed'));
    publish('u1', taskUpdate('t1', 'completed'));
    expect(sent()).toEqual([]);
    publish('u1', taskUpdate('t1', 'completed'));
    expect(sent()).toEqual([taskUpdate('t1', 'completed')]);
  });

  it('delivers to subscribers of the subject who are entitled to it, admins included; SSE gets every entitled event', async () => {
    const { service, open, publish } = newTestService();
    const owner = await open(user('u1'));
    const stranger = await open(user('u2'));
    const admin = await open(user('a1', 'admin'));
    const sse = await open(user('u1'), { everything: true });
    await service.subscribe(owner.session, { topic: 'deployment', id: 'd1' });
    await service.subscribe(stranger.session, { topic: 'deployment', id: 'd1' });
    await service.subscribe(admin.session, { topic: 'deployment', id: 'd1' });
    publish('u1', deploymentStatus('d1'));
    publish('u1', deploymentStatus('d2'));
    expect(owner.sent()).toEqual([deploymentStatus('d1')]);
    expect(stranger.sent()).toEqual([]);
    expect(admin.sent()).toEqual([deploymentStatus('d1')]);
    expect(sse.sent()).toEqual([deploymentStatus('d1'), deploymentStatus('d2')]);
  });

  it('keeps no subscription the provider refused, and none after unsubscribe', async () => {
    const { service, open, publish } = newTestService();
    const { session, sent } = await open(user('u1'));
    await expect(service.subscribe(session, { topic: 'task', id: 'foreign' })).rejects.toMatchObject({ status: 404 });
    await service.subscribe(session, { topic: 'task', id: 't1' });
    service.unsubscribe(session, { topic: 'task', id: 't1' });
    publish('u1', taskUpdate('foreign'));
    publish('u1', taskUpdate('t1'));
    expect(sent()).toEqual([]);
  });

  it('re-checks credentials on subscribe: refused, the session ends as unauthorized and frees its place', async () => {
    const { service, open, limit } = newTestService();
    const { session, transport, revoke } = await open(user('u1'));
    revoke();
    await expect(service.subscribe(session, { topic: 'task', id: 't1' })).rejects.toMatchObject({ status: 401 });
    expect(transport.end).toHaveBeenCalledWith('unauthorized');
    expect(limit.release).toHaveBeenCalledWith('u1', session.id);
  });

  it('ends a session when its token expires, and the periodic re-check ends one whose key was revoked', async () => {
    vi.useFakeTimers();
    const { open } = newTestService();
    const expiring = await open(user('u1', 'developer', new Date(Date.now() + 5_000)));
    const revoked = await open(user('u2'));
    revoked.revoke();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(expiring.transport.end).toHaveBeenCalledWith('unauthorized');
    expect(revoked.transport.end).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(55_000);
    expect(revoked.transport.end).toHaveBeenCalledWith('unauthorized');
  });
});
