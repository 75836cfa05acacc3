import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { JobName, JobOf, QueueName } from '@app/core';
import { GithubSyncService } from '@app/github';
import { TaskRunner } from '@app/tasks';
import type { QueueConsumer } from '../consumers/queue-consumer';
import { dispatch, type Handlers } from './job-dispatch';

type GithubJob = Extract<JobName, `github.${string}`>;

@Injectable()
export class GithubProcessor implements QueueConsumer {
  readonly queue = QueueName.Github;
  readonly handlers: Handlers<GithubJob> = {
    'github.sync': (job) => this.runner.run(job, (report) => this.sync.sync(job.data.connection_id, report)),
  };

  constructor(
    private readonly runner: TaskRunner,
    private readonly sync: GithubSyncService,
  ) {}

  async handle(job: Job): Promise<void> {
    await dispatch(this.handlers, job as JobOf<GithubJob>, undefined);
  }
}
