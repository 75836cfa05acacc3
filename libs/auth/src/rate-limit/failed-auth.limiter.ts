import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, RateLimited, rateLimitRejections, REDIS, withTimeout, type AppConfig } from '@app/core';
import { type AccountRevision, AccountRevisions } from '../principals/account-revisions';
import { countHitLua } from './redis-throttler.storage';

const WINDOW_MS = 60_000;
/** The check sits in front of every authenticated request: a slow Redis may cost this much, no more. */
const CHECK_BUDGET_MS = 150;
const INCREMENT = `${countHitLua('KEYS[1]', 'ARGV[1]')}
return hits`;

/**
 * The MGET of `assertNotBlocked`, plus the request's count in its principal's rate-limit window
 * (the throttler's INCR script) when the IP is not blocked and the account's revision is still the
 * one the caller's cached principal is stamped with: then authentication will succeed from that
 * copy, so the count is exactly the one the rate limiter would take after it.
 * KEYS: failures, revision, principal window; ARGV: failure limit, expected revision, window ms.
 */
const CHECK_AND_COUNT = `
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
local revision = redis.call('GET', KEYS[2])
if failures >= tonumber(ARGV[1]) or revision ~= ARGV[2] then return { failures, revision } end${countHitLua('KEYS[3]', 'ARGV[3]')}
return { failures, revision, hits, redis.call('PTTL', KEYS[3]) }`;

/** Sent as EVALSHA: a client guessing credentials makes one of these per attempt. */
type FailureRedis = Redis & {
  authFailureIncrement(key: string, windowMs: number): Promise<number>;
  authCheckAndCount(failures: string, revision: string, window: string, limit: number, expected: string, windowMs: number): Promise<[number, string | null, number?, number?]>;
};

/** The subject's rate-limit count to take in the failure check's round trip, if its revision is still `ifRevision`. */
export interface PrincipalCount {
  ifRevision: string;
  /** The window's Redis key and length, as the rate limiter names them (RateLimitGuard.principalWindow). */
  key: string;
  windowMs: number;
}

/** The principal's hits in its window and the window's remaining ms, as the failure check took them. */
export interface PrincipalCounted {
  key: string;
  hits: number;
  pttlMs: number;
}

export interface CheckOutcome {
  /** The account's revision, when a subject was named and Redis answered. */
  revision?: AccountRevision;
  /** When the count was taken. */
  counted?: PrincipalCounted;
}

/**
 * Counts failed authentications (bad or expired tokens, unknown API keys) per client IP in Redis,
 * shared by every replica. Past the limit the IP gets 429 before any token check or key lookup
 * runs, so guessing credentials costs the server nothing. Redis trouble (an error, or no answer
 * within CHECK_BUDGET_MS) lets requests through: the limiter must not become an outage.
 */
@Injectable()
export class FailedAuthLimiter {
  private readonly logger = new Logger(FailedAuthLimiter.name);

  private readonly redis: FailureRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revisions: AccountRevisions,
  ) {
    redis.defineCommand('authFailureIncrement', { numberOfKeys: 1, lua: INCREMENT });
    redis.defineCommand('authCheckAndCount', { numberOfKeys: 3, lua: CHECK_AND_COUNT });
    this.redis = redis as FailureRedis;
  }

  private key(ip: string | undefined): string {
    return `${this.config.queuePrefix}:ratelimit:auth-failures:ip:${ip ?? 'unknown'}`;
  }

  /**
   * One MGET reads the IP's failure count and, when the caller names the account the credentials
   * claim, that account's revision: a request costs one Redis round trip before authentication.
   * With `count` (the credentials were verified before and the subject's rows are cached), the same
   * round trip also takes the rate limiter's count, so the request makes no second one for it. (If
   * that trip times out, the count may have been taken anyway and the limiter takes its own: a
   * request counted twice while Redis is slower than the budget, never one counted not at all.)
   * The revision is undefined when none was asked for or Redis did not answer (the caller then reads
   * PostgreSQL). The window's remaining time is only asked for when refusing.
   */
  async assertNotBlocked(ip: string | undefined, subject?: string, count?: PrincipalCount): Promise<CheckOutcome> {
    let replies: [unknown, string | null, number?, number?];
    try {
      const failures = this.key(ip);
      const limit = this.config.rateLimit.authFailuresPerMinute;
      const read: Promise<unknown[]> =
        subject && count
          ? this.redis.authCheckAndCount(failures, this.revisions.key(subject), count.key, limit, count.ifRevision, count.windowMs)
          : this.redis.mget(subject ? [failures, this.revisions.key(subject)] : [failures]);
      replies = (await withTimeout(read, CHECK_BUDGET_MS)) as typeof replies;
    } catch (err) {
      this.logger.warn(`failed-authentication limit skipped: ${(err as Error).message}`);
      return {};
    }
    if (Number(replies[0]) >= this.config.rateLimit.authFailuresPerMinute) {
      rateLimitRejections.inc({ limit: 'failed_authentications' });
      throw RateLimited(await this.secondsLeft(ip));
    }
    const [, revision, hits, pttlMs] = replies;
    return {
      revision: subject ? { userId: subject, value: revision ?? null } : undefined,
      counted: count && hits !== undefined && pttlMs !== undefined ? { key: count.key, hits, pttlMs } : undefined,
    };
  }

  /** Not awaited by callers: the 401 leaves at once; the count follows on the same connection, in order. */
  recordFailure(ip: string | undefined): void {
    this.redis.authFailureIncrement(this.key(ip), WINDOW_MS).catch((err: Error) => this.logger.warn(`failed authentication not counted: ${err.message}`));
  }

  /** The whole window when Redis cannot say: a refused client is better told too long than too short. */
  private async secondsLeft(ip: string | undefined): Promise<number> {
    const pttl = await withTimeout(this.redis.pttl(this.key(ip)), CHECK_BUDGET_MS).catch(() => WINDOW_MS);
    return Math.max(1, Math.ceil(pttl / 1000));
  }
}
