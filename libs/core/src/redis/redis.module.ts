import { Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { warnUnlessNoEviction } from './check-eviction-policy';
import { createRedis } from './create-redis';

/**
 * Shared command connection (health, rate limits, event publishing). No offline queue and a
 * command timeout: a request never waits on a Redis that is down or frozen for longer than
 * REDIS_COMMAND_TIMEOUT_MS.
 */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createRedis(config.redisUrl, 'commands', {
          maxRetriesPerRequest: 2,
          enableOfflineQueue: false,
          lazyConnect: false,
          commandTimeout: config.reliability.redisCommandTimeoutMs,
        }),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onModuleInit(): void {
    // Not awaited: a missing Redis must not block start-up; /health reports it instead.
    this.redis.once('ready', () => void warnUnlessNoEviction(this.redis));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
