import Redis from 'ioredis';
import { CallLimiter } from './call-limiter';

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

  it('frees a slot at the end of the turn, after the call’s answer has left', async () => {
    const { redis, trips } = fakeRedis();
    const limiter = new CallLimiter(redis, 'spec');
    await limiter.run('deployment', 10, 1_000, async () => undefined);
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
