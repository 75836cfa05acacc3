import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { JobName, JobOf, QueueName, retryWhileUnavailable } from '@app/core';
import { DocumentEmbedder } from '@app/knowledge';
import { OUTAGE_WINDOW_MS, TaskRunner } from '@app/tasks';
import type { QueueConsumer } from '../consumers/queue-consumer';
import { dispatch, type Handlers } from './job-dispatch';

type KnowledgeJob = Extract<JobName, `knowledge.${string}`>;

@Injectable()
export class KnowledgeProcessor implements QueueConsumer {
  readonly queue = QueueName.Knowledge;
  readonly handlers: Handlers<KnowledgeJob> = {
    // Not a task: the document's embedding_status is its state; Bull retries, the last failure is recorded.
    'knowledge.embed-document': (job) =>
      retryWhileUnavailable(() => this.embedder.embed(job.data.document_id, job.data.embedding_id), { windowMs: OUTAGE_WINDOW_MS }).catch(async (err: Error) => {
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.embedder.markFailed(job.data.document_id, job.data.embedding_id);
        throw err;
      }),
    'knowledge.reindex': (job) => this.runner.run(job, (report) => this.embedder.reindex(report)),
  };

  constructor(
    private readonly embedder: DocumentEmbedder,
    private readonly runner: TaskRunner,
  ) {}

  async handle(job: Job): Promise<void> {
    await dispatch(this.handlers, job as JobOf<KnowledgeJob>, undefined);
  }
}
