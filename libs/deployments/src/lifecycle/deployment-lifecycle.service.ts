import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ToolSnapshots } from '@app/mcp';
import { DeploymentEvents } from '../deployment-events';
import { DeploymentEntity } from '../entities/deployment.entity';
import { RuntimeRegistry } from '../runtime/runtime-registry';
import { runtimeDeployment } from './runtime-deployment';

/**
 * Worker side of a deployment: bring it up through its runtime, record the tools it serves, and
 * move it to `running` or `failed`. Every write is conditional on the generation the job was made
 * for, so a job that runs twice, or after a stop or redeploy, changes nothing.
 */
@Injectable()
export class DeploymentLifecycle {
  private readonly logger = new Logger(DeploymentLifecycle.name);

  constructor(
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    private readonly snapshots: ToolSnapshots,
    private readonly runtimes: RuntimeRegistry,
    private readonly events: DeploymentEvents,
  ) {}

  async start(deploymentId: string): Promise<void> {
    const d = await this.deployments.findOneBy({ id: deploymentId });
    if (!d || d.status !== 'starting') return;
    const generation = d.generation;
    let update: Partial<Omit<DeploymentEntity, 'tool' | 'owner'>>;
    try {
      const started = await this.runtimes.byKind(d.runtime).start(await runtimeDeployment(d, this.snapshots));
      update = { status: 'running', healthStatus: 'healthy', tools: started.tools, error: null, consecutiveFailures: 0, lastHealthCheck: new Date() };
    } catch (err) {
      const message = (err as { detail?: unknown }).detail ?? (err as Error).message;
      this.logger.warn(`deployment ${d.id} failed to start: ${String(message)}`);
      update = { status: 'failed', healthStatus: 'unhealthy', error: `Could not start: ${String(message)}` };
    }
    // jsonb columns (tools) defeat TypeORM's deep-partial type; the fields are the entity's own.
    const result = await this.deployments.update({ id: d.id, generation, status: 'starting' }, update as Parameters<Repository<DeploymentEntity>['update']>[1]);
    if (result.affected) await this.events.publish({ ...d, ...update });
  }

  /** The row may be gone already (its tool was deleted), so the job names the runtime. */
  async stop(deploymentId: string, runtime: string): Promise<void> {
    await this.runtimes.byKind(runtime).stop(deploymentId);
  }
}
