import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { QUEUE_CONSUMERS, type QueueConsumer } from './queue-consumer';
import { uncoveredJobs } from './uncovered-jobs';

/**
 * Attaches each consumer to its queue with the concurrency from the validated config. Refuses to
 * start (the process exits 1 naming the gap) when a job name of any queue has no handler.
 */
@Injectable()
export class QueueConsumers implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueConsumers.name);

  constructor(
    @Inject(QUEUE_CONSUMERS) private readonly consumers: QueueConsumer[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {
    const problems = uncoveredJobs(consumers);
    if (problems.length > 0) throw new Error(`Job handlers incomplete: ${problems.join('; ')}`);
  }

  onApplicationBootstrap(): void {
    for (const consumer of this.consumers) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(consumer.queue), { strict: false });
      // One handler for the whole queue ('*'), so the queue's concurrency is exactly the configured value.
      queue.process('*', this.config.queues[consumer.queue].concurrency, (job) => consumer.handle(job)).catch((err: Error) => {
        this.logger.error(`queue "${consumer.queue}" stopped processing: ${err.message}`, err.stack);
      });
    }
  }
}
