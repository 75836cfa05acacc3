import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { appConfig, JobName, JobOf, QueueName } from '@app/core';
import { DocumentEmbedder } from '@app/knowledge';
import { TaskRunner } from '@app/tasks';
import { assertHandlersCover, dispatch, type Handlers } from './job-dispatch';

type KnowledgeJob = Extract<JobName, `knowledge.${string}`>;

@Processor(QueueName.Knowledge)
export class KnowledgeProcessor {
  private readonly handlers: Handlers<KnowledgeJob> = {
    // Not a task: the document's embedding_status is its state; Bull retries, the last failure is recorded.
    'knowledge.embed-document': (job) =>
      this.embedder.embed(job.data.document_id, job.data.embedding_id).catch(async (err: Error) => {
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.embedder.markFailed(job.data.document_id, job.data.embedding_id);
        throw err;
      }),
    'knowledge.reindex': (job) => this.runner.run(job, (report) => this.embedder.reindex(report)),
  };

  constructor(
    private readonly embedder: DocumentEmbedder,
    private readonly runner: TaskRunner,
  ) {
    assertHandlersCover(QueueName.Knowledge, this.handlers);
  }

  @Process({ name: '*', concurrency: appConfig().queues[QueueName.Knowledge].concurrency })
  async handle(job: Job): Promise<void> {
    await dispatch(this.handlers, job as JobOf<KnowledgeJob>, undefined);
  }
}
