import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, RateLimited, rateLimitRejections, REDIS, withTimeout, type AppConfig } from '@app/core';
import { type AccountRevision, AccountRevisions } from '../principals/account-revisions';

const WINDOW_MS = 60_000;
/** The check sits in front of every authenticated request: a slow Redis may cost this much, no more. */
const CHECK_BUDGET_MS = 150;
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits`;

/** Sent as EVALSHA: a client guessing credentials makes one of these per attempt. */
type FailureRedis = Redis & { authFailureIncrement(key: string, windowMs: number): Promise<number> };

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
    this.redis = redis as FailureRedis;
  }

  private key(ip: string | undefined): string {
    return `${this.config.queuePrefix}:ratelimit:auth-failures:ip:${ip ?? 'unknown'}`;
  }

  /**
   * One MGET reads the IP's failure count and, when the caller names the account the credentials
   * claim, that account's revision: a request costs one Redis round trip before authentication.
   * Returns the revision read, or undefined when none was asked for or Redis did not answer (the
   * caller then reads PostgreSQL). The window's remaining time is only asked for when refusing.
   */
  async assertNotBlocked(ip: string | undefined, subject?: string): Promise<AccountRevision | undefined> {
    const keys = subject ? [this.key(ip), this.revisions.key(subject)] : [this.key(ip)];
    let replies: (string | null)[];
    try {
      replies = await withTimeout(this.redis.mget(keys), CHECK_BUDGET_MS);
    } catch (err) {
      this.logger.warn(`failed-authentication limit skipped: ${(err as Error).message}`);
      return undefined;
    }
    if (Number(replies[0]) >= this.config.rateLimit.authFailuresPerMinute) {
      rateLimitRejections.inc({ limit: 'failed_authentications' });
      throw RateLimited(await this.secondsLeft(ip));
    }
    return subject ? { userId: subject, value: replies[1] ?? null } : undefined;
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
