import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/** Queued jobs live in Redis keys; any policy but noeviction lets Redis silently drop them under memory pressure. */
export async function warnUnlessNoEviction(redis: Redis, logger = new Logger('Redis')): Promise<void> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy && policy !== 'noeviction') {
      logger.warn(`Redis maxmemory-policy is "${policy}"; set it to "noeviction" or queued jobs may be evicted`);
    }
  } catch (err) {
    logger.warn(`Could not read Redis maxmemory-policy: ${(err as Error).message}`);
  }
}
