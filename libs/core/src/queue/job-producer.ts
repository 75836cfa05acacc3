import { getQueueToken } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { requestContext } from '../http/request-id';
import type { JobPayloads } from './job-payloads';
import { JOB_QUEUE, JobName } from './queue-names';

/**
 * Enqueues typed jobs on the queue their name belongs to. The job id is the id of what the job
 * works on (a task, an embedding), so a repeated submission cannot create a second job, and the
 * request id travels with the job into worker logs.
 */
@Injectable()
export class JobProducer {
  constructor(private readonly moduleRef: ModuleRef) {}

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], jobId: string): Promise<void> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
    const payload = { ...data, request_id: data.request_id ?? requestContext.requestId() };
    await queue.add(name, payload, { jobId });
  }

  /** Removes a job that has not started; an active or finished job is left to its processor. */
  async removeIfWaiting(name: JobName, jobId: string): Promise<void> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
    const job = await queue.getJob(jobId);
    if (job && ((await job.isWaiting()) || (await job.isDelayed()))) await job.remove().catch(() => undefined);
  }
}
