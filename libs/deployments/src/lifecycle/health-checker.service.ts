import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { ToolSnapshots } from '@app/mcp';
import { DeploymentEvents } from '../deployment-events';
import { DeploymentEntity, type HealthStatus } from '../entities/deployment.entity';
import type { RuntimeHealth } from '../runtime/deployment-runtime';
import { RuntimeRegistry } from '../runtime/runtime-registry';
import { runtimeDeployment } from './runtime-deployment';

/** Failures in a row before a deployment is `unhealthy`; one miss is only `degraded`. */
export const UNHEALTHY_AFTER = 3;
/** A ping slower than this is `degraded`. */
export const DEGRADED_LATENCY_MS = 1_000;

export function nextHealth(previousFailures: number, check: RuntimeHealth): { health: HealthStatus; failures: number } {
  if (check.ok) return { health: check.latencyMs > DEGRADED_LATENCY_MS ? 'degraded' : 'healthy', failures: 0 };
  const failures = previousFailures + 1;
  return { health: failures >= UNHEALTHY_AFTER ? 'unhealthy' : 'degraded', failures };
}

/**
 * One sweep over every running deployment, run by the repeatable `deployments.health-sweep` job
 * (Bull runs a repeatable job once per interval across all worker replicas). A change of health
 * publishes `deployment_status`.
 */
@Injectable()
export class HealthChecker {
  private readonly logger = new Logger(HealthChecker.name);

  constructor(
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly snapshots: ToolSnapshots,
    private readonly runtimes: RuntimeRegistry,
    private readonly events: DeploymentEvents,
  ) {}

  async sweep(): Promise<void> {
    const running = await this.deployments.findBy({ status: 'running' });
    await Promise.all(running.map((d) => this.check(d).catch((err: Error) => this.logger.warn(`health check of ${d.id} failed: ${err.message}`))));
  }

  private async check(d: DeploymentEntity): Promise<void> {
    const result = await this.runtimes.byKind(d.runtime).health(await runtimeDeployment(d, this.snapshots));
    const { health, failures } = nextHealth(d.consecutiveFailures, result);
    const update = { healthStatus: health, consecutiveFailures: failures, lastHealthCheck: new Date() };
    // Only while still running in the same generation: a stop or redeploy meanwhile wins.
    const written = await this.deployments.update({ id: d.id, status: 'running', generation: d.generation }, update);
    if (written.affected && health !== d.healthStatus) await this.events.publish({ ...d, ...update });
  }

  get intervalMs(): number {
    return this.config.gateway.healthIntervalMs;
  }
}
