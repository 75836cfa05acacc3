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
