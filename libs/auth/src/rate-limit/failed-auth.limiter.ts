import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, RateLimited, REDIS, type AppConfig } from '@app/core';

const WINDOW_MS = 60_000;
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits`;

/**
 * Counts failed authentications (bad or expired tokens, unknown API keys) per client IP in Redis,
 * shared by every replica. Past the limit the IP gets 429 before any token check or key lookup
 * runs, so guessing credentials costs the server nothing. Redis trouble lets requests through.
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
    let hits: string | null;
    let pttl: number;
    try {
      [hits, pttl] = await Promise.all([this.redis.get(this.key(ip)), this.redis.pttl(this.key(ip))]);
    } catch (err) {
      this.logger.warn(`failed-authentication limit skipped: ${(err as Error).message}`);
      return;
    }
    if (Number(hits) >= this.config.rateLimit.authFailuresPerMinute) throw RateLimited(Math.max(1, Math.ceil(pttl / 1000)));
  }

  async recordFailure(ip: string | undefined): Promise<void> {
    await this.redis.eval(INCREMENT, 1, this.key(ip), WINDOW_MS).catch((err: Error) => this.logger.warn(`failed authentication not counted: ${err.message}`));
  }
}
