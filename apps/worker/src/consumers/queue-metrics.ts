import { getQueueToken } from '@nestjs/bull';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import { Gauge, register } from 'prom-client';
import { jobAttempts, jobDuration, jobFailures, QUEUE_JOBS, QueueName } from '@app/core';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A scrape must not hang on a slow Redis: the depth gauge is left out of that scrape instead. */
const COUNT_BUDGET_MS = 1_000;

/**
 * Queue and job metrics of the worker: per-queue depth by state (read from Redis at scrape time,
 * so every worker reports the same backlog), and per job name the attempts, final failures and
 * durations this worker ran, from Bull's own completed/failed events.
 */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap {
  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    const queues = Object.values(QueueName).map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    for (const queue of queues) {
      queue.on('completed', (job: Job) => this.observe(queue.name, job, 'completed'));
      queue.on('failed', (job: Job) => {
        this.observe(queue.name, job, 'failed');
        if (job.attemptsMade >= (job.opts.attempts ?? 1)) jobFailures.inc({ queue: queue.name, job: job.name });
      });
    }
    if (!register.getSingleMetric(QUEUE_JOBS)) {
      new Gauge({
        name: QUEUE_JOBS,
        help: 'Jobs in each queue by state (waiting, active, delayed, failed)',
        labelNames: ['queue', 'state'],
        async collect() {
          const counts = await Promise.all(queues.map((queue) => withinBudget(queue.getJobCounts())));
          queues.forEach((queue, i) => {
            for (const state of STATES) if (counts[i]) this.set({ queue: queue.name, state }, counts[i]![state]);
          });
        },
      });
    }
  }

  private observe(queue: string, job: Job, outcome: 'completed' | 'failed'): void {
    jobAttempts.inc({ queue, job: job.name, outcome });
    if (job.processedOn && job.finishedOn) jobDuration.observe({ queue, job: job.name, outcome }, (job.finishedOn - job.processedOn) / 1000);
  }
}

async function withinBudget<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), COUNT_BUDGET_MS)));
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
