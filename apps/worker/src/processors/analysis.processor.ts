import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { JobName, JobOf, QueueName } from '@app/core';
import { ANALYZER, type Analyzer, type AnalysisContext } from '@app/analysis';
import { TaskRunner } from '@app/tasks';
import { ToolSnapshots } from '@app/mcp';
import type { QueueConsumer } from '../consumers/queue-consumer';
import { dispatch, type Handlers } from './job-dispatch';

type AnalysisJob = Extract<JobName, `analysis.${string}`>;

@Injectable()
export class AnalysisProcessor implements QueueConsumer {
  readonly queue = QueueName.Analysis;
  readonly handlers: Handlers<AnalysisJob, AnalysisContext> = {
    'analysis.feasibility': (job, ctx) => this.analyzer.feasibility({ config: job.data.config }, ctx),
    'analysis.improvements': async (job, ctx) =>
      this.analyzer.improvements({ tool: await this.tools.snapshot(job.data.tool_id) }, ctx),
    'analysis.generate-config': (job, ctx) => this.analyzer.generateConfig({ requirements: job.data.requirements }, ctx),
  };

  constructor(
    private readonly runner: TaskRunner,
    @Inject(ANALYZER) private readonly analyzer: Analyzer,
    private readonly tools: ToolSnapshots,
  ) {}

  handle(job: Job): Promise<void> {
    return this.runner.run(job, (report) => {
      const ctx: AnalysisContext = { reportProgress: report };
      return dispatch(this.handlers, job as JobOf<AnalysisJob>, ctx);
    });
  }
}
