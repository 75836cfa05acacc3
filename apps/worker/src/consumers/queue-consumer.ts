import type { Job } from 'bull';
import type { JobName, QueueName } from '@app/core';

/**
 * A worker-side processor of one queue. Consumers are plain providers (no decorator reading config
 * at import time); `QueueConsumers` attaches them to their queues with the configured concurrency
 * once the config is loaded, after checking that every job name of every queue has a handler.
 */
export interface QueueConsumer {
  readonly queue: QueueName;
  /** One handler per job name of the queue; checked at start. */
  readonly handlers: Partial<Record<JobName, unknown>>;
  handle(job: Job): Promise<unknown>;
}

/** Injection token of the list of every consumer of the worker. */
export const QUEUE_CONSUMERS = Symbol('QUEUE_CONSUMERS');
