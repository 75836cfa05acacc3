import { Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';

/** Everything both processes need: config, the secret box, logs, PostgreSQL, Redis, queues, the event bus, /health and /metrics. */
@Module({
  imports: [AppConfigModule, CryptoModule, DatabaseModule, RedisModule, QueueModule, EventsModule, MetricsModule, HealthModule, IdempotencyModule],
  exports: [AppConfigModule, CryptoModule, RedisModule, QueueModule, EventsModule],
})
export class CoreModule {}
