import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppException } from '@app/core';

export const TooManyConcurrentCalls = (limit: number) =>
  new AppException(
    429,
    'RATE_LIMIT_EXCEEDED',
    `Too many concurrent calls to this deployment (limit ${limit}). Please try again later.`,
    { retry_after: 1, limit },
    { 'Retry-After': '1' },
  );

/**
 * Takes a slot in the deployment's set of calls in flight, or refuses when it is full. Each slot
 * carries its own expiry (the call's timeout plus a margin), so slots of a replica that crashed
 * mid-call free themselves; expired ones are dropped before counting.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** A slot outlives its call's timeout by this much before another replica may reclaim it. */
const SLOT_MARGIN_MS = 5_000;
/** After a failed or timed-out Redis call, calls skip the cap for this long instead of each waiting for Redis. */
const FAIL_OPEN_MS = 5_000;

type LimiterRedis = Redis & { gatewayAcquire(key: string, now: number, limit: number, expiresAt: number, id: string, ttl: number): Promise<number> };

/**
 * Concurrent calls per deployment across every api replica, counted in Redis: beyond the limit a
 * call is refused (429), not queued. The slot is taken with one scripted round trip (bounded by the
 * connection's command timeout, no offline queue) and released without waiting. When Redis is down
 * or slow the cap is skipped (fail open, as the rate limiter does): an outage of the limiter must
 * not become an outage of the gateway.
 */
export class CallLimiter {
  private readonly logger = new Logger(CallLimiter.name);
  private readonly redis: LimiterRedis;
  private skipUntil = 0;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('gatewayAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    this.redis = redis as LimiterRedis;
  }

  async run<T>(deploymentId: string, limit: number, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}:gateway:inflight:${deploymentId}`;
    const slot = await this.acquire(key, limit, timeoutMs);
    try {
      return await fn();
    } finally {
      if (slot) this.redis.zrem(key, slot).catch(() => undefined);
    }
  }

  /** The slot's id, or undefined when the cap was skipped; throws 429 when the deployment is at its limit. */
  private async acquire(key: string, limit: number, timeoutMs: number): Promise<string | undefined> {
    if (Date.now() < this.skipUntil || this.redis.status !== 'ready') return undefined;
    const id = randomUUID();
    const now = Date.now();
    const ttl = timeoutMs + SLOT_MARGIN_MS;
    let taken: number;
    try {
      taken = await this.redis.gatewayAcquire(key, now, limit, now + ttl, id, ttl);
    } catch (err) {
      this.skipUntil = Date.now() + FAIL_OPEN_MS;
      this.logger.warn(`gateway concurrency cap skipped for ${FAIL_OPEN_MS} ms: ${(err as Error).message}`);
      return undefined;
    }
    if (!taken) throw TooManyConcurrentCalls(limit);
    return id;
  }
}
