import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { JobName, JobOf, QueueName } from '@app/core';
import { AnalysisJobs, type AnalysisContext } from '@app/analysis';
import { TaskRunner } from '@app/tasks';
import type { QueueConsumer } from '../consumers/queue-consumer';
import { dispatch, type Handlers } from './job-dispatch';

type AnalysisJob = Extract<JobName, `analysis.${string}`>;

@Injectable()
export class AnalysisProcessor implements QueueConsumer {
  readonly queue = QueueName.Analysis;
  readonly handlers: Handlers<AnalysisJob, AnalysisContext> = {
    'analysis.feasibility': (job, ctx) => this.analyses.feasibility(job.data.config, job.data.masked_secret_paths, ctx),
    'analysis.improvements': (job, ctx) => this.analyses.improvements(job.data.tool_id, ctx),
    'analysis.generate-config': (job, ctx) => this.analyses.generateConfig(job.data.requirements, ctx),
  };

  constructor(
    private readonly runner: TaskRunner,
    private readonly analyses: AnalysisJobs,
  ) {}

  handle(job: Job): Promise<void> {
    return this.runner.run(job, (report) => dispatch(this.handlers, job as JobOf<AnalysisJob>, { reportProgress: report }));
  }
}
