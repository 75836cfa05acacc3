import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobProducer } from './job-producer';
import { QueueName } from './queue-names';
import { JobReconciler } from './reconciler/job-reconciler';
import { RETRY_BACKOFF, retryBackoff } from './retry-backoff';

const queues = Object.values(QueueName).map((name) =>
  BullModule.registerQueueAsync({
    name,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => {
      const tuning = config.queues[name];
      return {
        // Locks are renewed every half lock duration; a dead worker's jobs are looked for twice per
        // lock duration, so they run again within about two lock durations of its death.
        settings: {
          lockDuration: tuning.lockDurationMs,
          stalledInterval: Math.max(500, Math.floor(tuning.lockDurationMs / 2)),
          backoffStrategies: { [RETRY_BACKOFF]: retryBackoff },
        },
        defaultJobOptions: {
          attempts: tuning.attempts,
          backoff: { type: RETRY_BACKOFF, options: { delay: tuning.backoffMs } },
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
  providers: [JobProducer, JobReconciler],
  exports: [BullModule, JobProducer, JobReconciler],
})
export class QueueModule {}
