import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppException, APP_CONFIG, rateLimitRejections, REDIS, type AppConfig } from '@app/core';

/**
 * Concurrent realtime connections per user, counted across replicas: a sorted set per user whose
 * members are connection ids scored by a lease expiry. Open connections renew their lease at every
 * credential re-check, so the connections of a replica that died stop counting after a few leases.
 * Like the rate limiter, it lets connections through when Redis does not answer (the shared client
 * has a command timeout).
 */
@Injectable()
export class ConnectionLimit {
  private readonly logger = new Logger(ConnectionLimit.name);
  private readonly max: number;
  private readonly leaseMs: number;
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.max = config.realtime.maxConnectionsPerUser;
    this.leaseMs = config.realtime.recheckSeconds * 1000 * 3;
    this.prefix = `${config.queuePrefix}:realtime:connections:`;
  }

  /** Counts a new connection, or throws 429 when the user already holds the maximum. */
  async acquire(userId: string, connectionId: string): Promise<void> {
    const key = this.prefix + userId;
    const now = Date.now();
    let count: number;
    try {
      const replies = await this.redis
        .multi()
        .zremrangebyscore(key, '-inf', now)
        .zadd(key, now + this.leaseMs, connectionId)
        .zcard(key)
        .pexpire(key, this.leaseMs)
        .exec();
      count = Number(replies?.[2]?.[1] ?? 0);
    } catch (err) {
      this.logger.warn(`connection count unavailable, allowing: ${(err as Error).message}`);
      return;
    }
    if (count > this.max) {
      await this.release(userId, connectionId);
      rateLimitRejections.inc({ limit: 'realtime_connections' });
      throw new AppException(429, 'RATE_LIMIT_EXCEEDED', `At most ${this.max} concurrent realtime connections per user`);
    }
  }

  async renew(userId: string, connectionId: string): Promise<void> {
    const key = this.prefix + userId;
    await this.redis.multi().zadd(key, Date.now() + this.leaseMs, connectionId).pexpire(key, this.leaseMs).exec().catch(() => undefined);
  }

  async release(userId: string, connectionId: string): Promise<void> {
    await this.redis.zrem(this.prefix + userId, connectionId).catch(() => undefined);
  }
}
