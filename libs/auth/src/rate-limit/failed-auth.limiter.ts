import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, RateLimited, rateLimitRejections, REDIS, type AppConfig } from '@app/core';

const WINDOW_MS = 60_000;
/** The check sits in front of every authenticated request: a slow Redis may cost this much, no more. */
const CHECK_BUDGET_MS = 150;
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits`;

/**
 * Counts failed authentications (bad or expired tokens, unknown API keys) per client IP in Redis,
 * shared by every replica. Past the limit the IP gets 429 before any token check or key lookup
 * runs, so guessing credentials costs the server nothing. Redis trouble (an error, or no answer
 * within CHECK_BUDGET_MS) lets requests through: the limiter must not become an outage.
 */
@Injectable()
export class FailedAuthLimiter {
  private readonly logger = new Logger(FailedAuthLimiter.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(ip: string | undefined): string {
    return `${this.config.queuePrefix}:ratelimit:auth-failures:ip:${ip ?? 'unknown'}`;
  }

  async assertNotBlocked(ip: string | undefined): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_BUDGET_MS} ms`)), CHECK_BUDGET_MS);
    });
    let hits: string | null;
    let pttl: number;
    try {
      [hits, pttl] = await Promise.race([Promise.all([this.redis.get(this.key(ip)), this.redis.pttl(this.key(ip))]), budget]);
    } catch (err) {
      this.logger.warn(`failed-authentication limit skipped: ${(err as Error).message}`);
      return;
    } finally {
      clearTimeout(timer);
    }
    if (Number(hits) >= this.config.rateLimit.authFailuresPerMinute) {
      rateLimitRejections.inc({ limit: 'failed_authentications' });
      throw RateLimited(Math.max(1, Math.ceil(pttl / 1000)));
    }
  }

  /** Not awaited by callers: the 401 leaves at once; the count follows on the same connection, in order. */
  recordFailure(ip: string | undefined): void {
    this.redis.eval(INCREMENT, 1, this.key(ip), WINDOW_MS).catch((err: Error) => this.logger.warn(`failed authentication not counted: ${err.message}`));
  }
}
