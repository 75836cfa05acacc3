import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const UNLIMITED: ThrottlerStorageRecord = { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };

/** Lua: one hit in the fixed window `key` (its expiry set by the first hit), into `hits`. Shared with the authentication's trip (FailedAuthLimiter). */
export const countHitLua = (key: string, windowMs: string) => `
local hits = redis.call('INCR', ${key})
if hits == 1 then redis.call('PEXPIRE', ${key}, ${windowMs}) end`;

/** INCR and the window's expiry in one atomic step, shared by every api replica. */
const INCREMENT = `${countHitLua('KEYS[1]', 'ARGV[1]')}
return { hits, redis.call('PTTL', KEYS[1]) }`;

/** Sent as EVALSHA (the script text only once per connection), on every request that is rate limited. */
type ThrottleRedis = Redis & { throttleIncrement(key: string, ttlMs: number): Promise<[number, number]> };

/** What the guard makes of a window's count (fixed window: blocked until it ends). */
export function throttlerRecord(hits: number, pttlMs: number, limit: number): ThrottlerStorageRecord {
  const seconds = Math.max(1, Math.ceil(pttlMs / 1000));
  return { totalHits: hits, timeToExpire: seconds, isBlocked: hits > limit, timeToBlockExpire: hits > limit ? seconds : 0 };
}

/** After a failed or timed-out Redis call, requests skip the limiter for this long instead of each waiting for Redis. */
const FAIL_OPEN_MS = 5000;

/**
 * Fixed-window counters in Redis. If Redis is unreachable, or slower than the client's command
 * timeout, the request is let through (fail open): an outage of the limiter must not become an
 * outage of the API; it is logged instead, once per fail-open period.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private skipUntil = 0;

  private readonly redis: ThrottleRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('throttleIncrement', { numberOfKeys: 1, lua: INCREMENT });
    this.redis = redis as ThrottleRedis;
  }

  /** The Redis key of a throttler's window (`key` as the guard generated it). */
  counterKey(name: string, key: string): string {
    return `${this.prefix}:ratelimit:${name}:${key}`;
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    if (Date.now() < this.skipUntil || this.redis.status !== 'ready') return UNLIMITED;
    try {
      const [hits, pttl] = await this.redis.throttleIncrement(this.counterKey(name, key), ttl);
      return throttlerRecord(hits, pttl, limit);
    } catch (err) {
      this.skipUntil = Date.now() + FAIL_OPEN_MS;
      this.logger.warn(`rate limiting skipped for ${FAIL_OPEN_MS} ms: ${(err as Error).message}`);
      return UNLIMITED;
    }
  }
}
