import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig, EventBus } from '@app/core';
import { ToolSnapshots } from '@app/mcp';
import { DeploymentEvents } from '../../deployment-events';
import { DeploymentEntity } from '../../entities/deployment.entity';
import { DeploymentLeases } from './deployment-leases';
import { stdioServerOf } from './stdio-server';
import { LeaseTaken, StdioRunner } from './stdio-runner';
import { STDIO_RUNTIME } from './stdio-supervisor';

/**
 * The worker's side of leases, twice per RUNNER_HEARTBEAT_MS: renew what runs here, and take over
 * running stdio deployments whose lease lapsed (their worker died) or was given up (it shut
 * down). A lease lasts 1.5 heartbeats, so a dead worker's deployments run again elsewhere within
 * 2 heartbeats plus their start time. A `deployment_status` that says a deployment run here should
 * no longer run (stopped, redeployed, failed) triggers a renewal at once instead of at the next beat.
 */
@Injectable()
export class StdioTakeover implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StdioTakeover.name);
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;
  private adopting?: Promise<void>;
  private unsubscribe?: () => void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    private readonly leases: DeploymentLeases,
    private readonly runner: StdioRunner,
    private readonly snapshots: ToolSnapshots,
    private readonly events: DeploymentEvents,
    private readonly bus: EventBus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), Math.max(50, Math.round(this.config.runner.heartbeatMs / 2)));
    this.unsubscribe = this.bus.onMessage(({ event }) => {
      if (event.type === 'deployment_status' && event.status !== 'running' && this.runner.holds(event.deployment_id)) this.tick();
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** Renewals never wait for a takeover (starting processes can take longer than a lease lasts). */
  private tick(): void {
    this.renewing ??= this.runner
      .renew()
      .catch((err: Error) => this.logger.warn(`lease renewal failed: ${err.message}`))
      .finally(() => (this.renewing = undefined));
    this.adopting ??= this.adoptOrphans()
      .catch((err: Error) => this.logger.warn(`takeover pass failed: ${err.message}`))
      .finally(() => (this.adopting = undefined));
  }

  private async adoptOrphans(): Promise<void> {
    for (const id of await this.leases.orphans(STDIO_RUNTIME)) {
      const d = await this.deployments.findOneBy({ id, status: 'running' });
      if (!d) continue;
      try {
        const server = stdioServerOf(await this.snapshots.versionConfigWithSecrets(d.toolId, d.toolVersion));
        if (!server) throw new Error('the tool config has no stdio server');
        await this.runner.run(d, server);
        this.logger.log(`took over stdio deployment ${d.id}`);
      } catch (err) {
        if (err instanceof LeaseTaken) continue;
        await this.fail(d, (err as Error).message);
      }
    }
  }

  private async fail(d: DeploymentEntity, message: string): Promise<void> {
    const update = { status: 'failed' as const, healthStatus: 'unhealthy' as const, error: `Could not restart after its worker stopped: ${message}` };
    const written = await this.deployments.update({ id: d.id, generation: d.generation, status: 'running' }, update);
    if (written.affected) await this.events.publish({ ...d, ...update });
  }
}
