import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DeploymentEntity } from '../entities/deployment.entity';
import { DeploymentMetricsStore } from './deployment-metrics.store';

/** Moves the gateway's Redis counters into the deployments table (`deployments.flush-metrics`). */
@Injectable()
export class MetricsFlusher {
  private readonly logger = new Logger(MetricsFlusher.name);

  constructor(
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    private readonly store: DeploymentMetricsStore,
  ) {}

  async flush(): Promise<void> {
    for (const [id, delta] of await this.store.drain()) {
      try {
        await this.deployments
          .createQueryBuilder()
          .update()
          .set({
            requestsTotal: () => `requests_total + ${Math.trunc(delta.requests)}`,
            errorsTotal: () => `errors_total + ${Math.trunc(delta.errors)}`,
            latencyTotalMs: () => `latency_total_ms + ${Math.round(delta.latencyMs)}`,
          })
          .where('id = :id', { id })
          .execute();
      } catch (err) {
        this.logger.warn(`metrics flush of ${id} failed, kept for the next run: ${(err as Error).message}`);
        await this.store.restore(id, delta);
      }
    }
  }
}
