import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobOptions, Queue } from 'bull';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ServiceUnavailable } from '../errors/domain-errors';
import { requestContext } from '../http/request-id';
import { withTimeout } from '../reliability/with-timeout';
import type { JobPayloads } from './job-payloads';
import { JOB_QUEUE, JobName } from './queue-names';

/** What a caller may choose about a job: when it runs, how often, before which others. */
export type EnqueueOptions = Pick<JobOptions, 'delay' | 'repeat' | 'priority'>;

const queueDown = () => ServiceUnavailable('The task queue is unavailable; please retry shortly');

/**
 * Enqueues typed jobs on the queue their name belongs to. The job id is the id of what the job
 * works on (a task, an embedding), so a repeated submission cannot create a second job, and the
 * request id travels with the job into worker logs. When Redis is away the caller gets a 503 at
 * once (or after ENQUEUE_TIMEOUT_MS when Redis hangs), never a request parked in Bull's buffer.
 */
@Injectable()
export class JobProducer {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], jobId: string, options: EnqueueOptions = {}): Promise<void> {
    const queue = this.queueOf(name);
    if (queue.client.status !== 'ready') throw queueDown();
    const payload = { ...data, request_id: data.request_id ?? requestContext.requestId() };
    await withTimeout(queue.add(name, payload, { ...options, jobId }), this.config.reliability.enqueueTimeoutMs).catch(() => {
      throw queueDown();
    });
  }

  /**
   * Removes a job that has not started; an active or finished job is left to its processor. Best
   * effort within the enqueue timeout: a processor skips the job of a cancelled task anyway.
   */
  async removeIfWaiting(name: JobName, jobId: string): Promise<void> {
    const queue = this.queueOf(name);
    if (queue.client.status !== 'ready') return;
    const remove = async () => {
      const job = await queue.getJob(jobId);
      if (job && ((await job.isWaiting()) || (await job.isDelayed()))) await job.remove();
    };
    await withTimeout(remove(), this.config.reliability.enqueueTimeoutMs).catch(() => undefined);
  }

  private queueOf(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }
}
