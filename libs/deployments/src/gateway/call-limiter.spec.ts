import { vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { AppException } from '@app/core';
import { CallLimiter } from './call-limiter';
import { LINGER_MS } from './held-slots';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('CallLimiter', () => {
  it('lets calls through when Redis is not reachable (fail open), without queueing them behind it', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const limiter = new CallLimiter(redis, 'call-limiter-spec');
    const answers = await Promise.all([1, 2, 3].map((n) => limiter.run('deployment', 1, 1_000, async () => n)));
    expect(answers).toEqual([1, 2, 3]);
    redis.disconnect();
  });
});

describe('CallLimiter batching', () => {
  /** A Redis that answers every slot request after `delayMs` (taking every slot), recording each round trip. */
  function fakeRedis(delayMs = 5) {
    const trips: Array<{ acquires: number }> = [];
    const redis = {
      status: 'ready',
      defineCommand: () => undefined,
      gatewaySlots: (_key: string, ...args: Array<string | number>) => {
        const acquires = (args.length - 3 - Number(args[2])) / 3;
        trips.push({ acquires });
        return new Promise<number[]>((resolve) => setTimeout(() => resolve(Array(acquires).fill(1)), delayMs));
      },
    };
    return { redis: redis as unknown as Redis, trips };
  }

  it('sends a lone call’s slot request at once, not a turn of the event loop later', async () => {
    const { redis, trips } = fakeRedis();
    const limiter = new CallLimiter(redis, 'spec');
    let tripsWhenTheTurnEnded = -1;
    setImmediate(() => (tripsWhenTheTurnEnded = trips.length));
    await limiter.run('deployment', 10, 1_000, async () => undefined);
    expect(tripsWhenTheTurnEnded).toBe(1);
  });

  it('frees the slot of a call longer than the linger at the end of the turn, after the call’s answer has left', async () => {
    const { redis, trips } = fakeRedis();
    const limiter = new CallLimiter(redis, 'spec');
    await limiter.run('deployment', 10, 1_000, () => sleep(LINGER_MS + 10));
    expect(trips).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(trips).toHaveLength(2);
  });

  it('sends the calls of one turn together while a round trip is out', async () => {
    const { redis, trips } = fakeRedis();
    const limiter = new CallLimiter(redis, 'spec');
    const first = limiter.run('deployment', 10, 1_000, async () => undefined);
    await Promise.resolve();
    const rest = [1, 2, 3].map(() => limiter.run('deployment', 10, 1_000, async () => undefined));
    await Promise.all([first, ...rest]);
    expect(trips.slice(0, 2).map((t) => t.acquires)).toEqual([1, 3]);
  });
});

describe('CallLimiter slot reuse (real Redis)', () => {
  const prefix = `call-limiter-spec-${process.env.TEST_DB_PREFIX ?? 'unit'}-${randomBytes(4).toString('hex')}`;
  const key = (deployment: string) => `${prefix}:gateway:inflight:${deployment}`;
  const clients: Redis[] = [];

  /** One api replica: its own limiter and connection, recording each slot round trip it sends. */
  async function replica() {
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    clients.push(redis);
    await redis.ping();
    const limiter = new CallLimiter(redis, prefix);
    const trips: Array<{ releases: number; acquires: number }> = [];
    const script = redis as unknown as { gatewaySlots: (key: string, ...args: Array<string | number>) => Promise<number[]> };
    const send = script.gatewaySlots.bind(redis);
    script.gatewaySlots = (slotKey, ...args) => {
      const releases = Number(args[2]);
      trips.push({ releases, acquires: (args.length - 3 - releases) / 3 });
      return send(slotKey, ...args);
    };
    return { limiter, trips, count: (deployment: string) => redis.zcard(key(deployment)) };
  }

  /** Calls that run until `finish()`, each answering its HTTP status. */
  function holdCalls(limiter: CallLimiter, deployment: string, limit: number, n: number) {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const statuses = Promise.all(
      Array.from({ length: n }, () =>
        limiter.run(deployment, limit, 1_000, () => finished.then(() => 200)).catch((err: AppException) => err.status),
      ),
    );
    return { finish, statuses };
  }

  afterAll(async () => {
    const keys = await clients[0].keys(`${prefix}:*`);
    if (keys.length) await clients[0].del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('sends one slot request for sequential calls on one replica, then none while they reuse its slot', async () => {
    const { limiter, trips, count } = await replica();
    for (let i = 0; i < 20; i++) await limiter.run('sequential', 4, 1_000, async () => i);
    expect(trips).toEqual([{ releases: 0, acquires: 1 }]);
    expect(await count('sequential')).toBe(1);
  });

  it('releases a slot not reused within the linger', async () => {
    const { limiter, trips, count } = await replica();
    await limiter.run('lingering', 4, 1_000, async () => undefined);
    await sleep(LINGER_MS / 2);
    expect(await count('lingering')).toBe(1);
    await sleep(LINGER_MS);
    expect(trips).toEqual([
      { releases: 0, acquires: 1 },
      { releases: 1, acquires: 0 },
    ]);
    expect(await count('lingering')).toBe(0);
  });

  it('replaces a held slot whose Redis expiry would not cover a whole new call, in one round trip', async () => {
    const { limiter, trips, count } = await replica();
    await limiter.run('aging', 4, 1_000, async () => undefined);
    const now = Date.now();
    const at = (ms: number) => vi.spyOn(Date, 'now').mockImplementation(() => now + ms);
    try {
      at(4_500); // within the 5 s reuse window
      await limiter.run('aging', 4, 1_000, async () => undefined);
      expect(trips).toHaveLength(1);
      at(5_100); // past it: the slot expires in Redis before a 1 s call plus the margin would end
      await limiter.run('aging', 4, 1_000, async () => undefined);
    } finally {
      vi.restoreAllMocks();
    }
    expect(trips).toEqual([
      { releases: 0, acquires: 1 },
      { releases: 1, acquires: 1 },
    ]);
    expect(await count('aging')).toBe(1);
  });

  it('holds the cap exactly with concurrent calls on one replica, lingering slots and fresh ones together', async () => {
    const { limiter, trips, count } = await replica();
    await Promise.all([1, 2].map(() => limiter.run('capped', 3, 1_000, async () => undefined)));
    expect(trips).toHaveLength(1); // both slots lingering
    const calls = holdCalls(limiter, 'capped', 3, 5);
    await sleep(20);
    expect(await count('capped')).toBe(3);
    calls.finish();
    expect((await calls.statuses).sort()).toEqual([200, 200, 200, 429, 429]);
    // Only the three calls beyond the two lingering slots asked Redis.
    expect(trips.slice(1).reduce((sum, t) => sum + t.acquires, 0)).toBe(3);
  });

  it('counts another replica’s lingering slots until they are released', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.limiter.run('shared', 1, 1_000, async () => undefined);
    await expect(b.limiter.run('shared', 1, 1_000, async () => undefined)).rejects.toMatchObject({ errorCode: 'RATE_LIMIT_EXCEEDED' });
    await sleep(LINGER_MS + 50);
    await expect(b.limiter.run('shared', 1, 1_000, async () => 'b')).resolves.toBe('b');
  });

  it('keeps no more lingering slots than a lowered limit allows', async () => {
    const { limiter, count } = await replica();
    await Promise.all([1, 2, 3].map(() => limiter.run('redeployed', 3, 1_000, async () => undefined)));
    expect(await count('redeployed')).toBe(3);
    const calls = holdCalls(limiter, 'redeployed', 1, 2);
    await sleep(20);
    expect(await count('redeployed')).toBe(1);
    calls.finish();
    expect((await calls.statuses).sort()).toEqual([200, 429]);
  });

  it('frees a call longer than the linger at once, and the idle slots on close', async () => {
    const { limiter, count } = await replica();
    await limiter.run('closing', 2, 1_000, () => sleep(LINGER_MS + 10));
    await sleep(20);
    expect(await count('closing')).toBe(0);
    await limiter.run('closing', 2, 1_000, async () => undefined);
    expect(await count('closing')).toBe(1);
    limiter.close();
    expect(await count('closing')).toBe(0);
  });
});
