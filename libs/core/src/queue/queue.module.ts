import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobProducer } from './job-producer';
import { QueueName } from './queue-names';

const queues = Object.values(QueueName).map((name) =>
  BullModule.registerQueueAsync({
    name,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => {
      const tuning = config.queues[name];
      return {
        // Stalled jobs (a worker died holding them) are looked for as often as a lock can expire.
        settings: { lockDuration: tuning.lockDurationMs, stalledInterval: tuning.lockDurationMs },
        defaultJobOptions: {
          attempts: tuning.attempts,
          backoff: { type: 'exponential', delay: tuning.backoffMs },
          removeOnComplete: tuning.keepCompleted,
          removeOnFail: tuning.keepFailed,
        },
      };
    },
  }),
);

/** Bull on REDIS_URL under QUEUE_PREFIX, so separate deployments (and test runs) never share queues. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ redis: config.redisUrl, prefix: config.queuePrefix }),
    }),
    ...queues,
  ],
  providers: [JobProducer],
  exports: [BullModule, JobProducer],
})
export class QueueModule {}
