import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobStatus, Queue } from 'bull';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { REDIS } from '../../redis/redis.module';
import { JobProducer } from '../job-producer';
import { JOB_QUEUE } from '../queue-names';
import type { ExpectedJob, ReconcileSource } from './reconcile-source';

/** Jobs in these states will still run; anything else (failed, completed, gone) leaves the row stranded. */
const LIVE_STATES = new Set<JobStatus | 'stuck' | 'paused'>(['waiting', 'active', 'delayed', 'paused']);
const BATCH = 500;

/**
 * Makes sure every unfinished row has a job that will run it, as novu's job reconciliation does:
 * a job lost with a Redis restart, a job Bull failed while PostgreSQL was down, or a crash between
 * writing a row and adding its job. The job id is the row's id and every state change of the work
 * is conditional, so re-adding a job is harmless. Libraries register their sources; the worker
 * calls `reconcileOnce` on a timer, and only one worker passes at a time.
 */
@Injectable()
export class JobReconciler {
  private readonly logger = new Logger(JobReconciler.name);
  private readonly sources = new Map<string, ReconcileSource>();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly jobs: JobProducer,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(source: ReconcileSource): void {
    this.sources.set(source.name, source);
  }

  /** One pass over every source; returns how many jobs were re-added (0 when another worker holds the pass). */
  async reconcileOnce(): Promise<number> {
    const { reconcileIntervalMs, reconcileStaleMs } = this.config.reliability;
    const lock = `${this.config.queuePrefix}:reconciler:lock`;
    if ((await this.redis.set(lock, '1', 'PX', Math.max(1, Math.floor(reconcileIntervalMs / 2)), 'NX')) !== 'OK') return 0;
    const staleBefore = new Date(Date.now() - reconcileStaleMs);
    let requeued = 0;
    for (const source of this.sources.values()) {
      for (const expected of await source.expectedJobs(staleBefore, BATCH)) {
        if (await this.ensureJob(expected)) {
          requeued++;
          this.logger.warn({ msg: 'job re-added for unfinished work', source: source.name, job: expected.name, job_id: expected.jobId });
        }
      }
    }
    return requeued;
  }

  private async ensureJob(expected: ExpectedJob): Promise<boolean> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[expected.name]), { strict: false });
    const job = await queue.getJob(expected.jobId);
    if (job) {
      if (LIVE_STATES.has(await job.getState())) return false;
      await job.remove();
    }
    await this.jobs.enqueue(expected.name, expected.data as never, expected.jobId);
    return true;
  }
}
