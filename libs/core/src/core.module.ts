import { Module } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';

/** Everything both processes need: config, logs, PostgreSQL, Redis, queues, the event bus, /health and /metrics. */
@Module({
  imports: [AppConfigModule, LoggingModule, DatabaseModule, RedisModule, QueueModule, EventsModule, MetricsModule, HealthModule],
  exports: [AppConfigModule, RedisModule, QueueModule, EventsModule],
})
export class CoreModule {}
