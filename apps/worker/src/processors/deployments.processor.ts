import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { JobName, JobOf, QueueName } from '@app/core';
import { DeploymentLifecycle, HealthChecker, MetricsFlusher } from '@app/deployments';
import type { QueueConsumer } from '../consumers/queue-consumer';
import { dispatch, type Handlers } from './job-dispatch';

type DeploymentJob = Extract<JobName, `deployments.${string}`>;

/** How often gateway counters move from Redis to PostgreSQL. */
const METRICS_FLUSH_MS = 5_000;

@Injectable()
export class DeploymentsProcessor implements QueueConsumer, OnApplicationBootstrap {
  readonly queue = QueueName.Deployments;
  readonly handlers: Handlers<DeploymentJob> = {
    'deployments.start': (job) => this.lifecycle.start(job.data.deployment_id),
    'deployments.stop': (job) => this.lifecycle.stop(job.data.deployment_id, job.data.runtime),
    'deployments.health-sweep': () => this.health.sweep(),
    'deployments.flush-metrics': () => this.flusher.flush(),
  };

  constructor(
    private readonly lifecycle: DeploymentLifecycle,
    private readonly health: HealthChecker,
    private readonly flusher: MetricsFlusher,
    @InjectQueue(QueueName.Deployments) private readonly jobs: Queue,
  ) {}

  /**
   * Repeatable jobs: Bull keys them by name and interval, so every worker replica registering them
   * still yields one run per interval across the fleet. Intervals left over from an earlier
   * configuration are removed.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.repeat('deployments.health-sweep', this.health.intervalMs);
    await this.repeat('deployments.flush-metrics', METRICS_FLUSH_MS);
  }

  private async repeat(name: DeploymentJob, every: number): Promise<void> {
    for (const job of await this.jobs.getRepeatableJobs()) {
      if (job.name === name && Number(job.every) !== every) await this.jobs.removeRepeatableByKey(job.key);
    }
    await this.jobs.add(name, {}, { repeat: { every }, jobId: name, removeOnComplete: true, removeOnFail: 100, attempts: 1 });
  }

  async handle(job: Job): Promise<void> {
    await dispatch(this.handlers, job as JobOf<DeploymentJob>, undefined);
  }
}
