import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { DeploymentEvents } from '../../deployment-events';
import { DeploymentEntity } from '../../entities/deployment.entity';
import { toUpstreamTool } from '../../upstream/upstream-pool';
import type { UpstreamTool } from '../deployment-runtime';
import { DeploymentLeases } from './deployment-leases';
import { reapGroups, recordGroups } from './process-groups';
import { RunnerListener } from './runner-listener';
import { childEnvironment, isAllowedCommand, type StdioServer } from './stdio-server';
import { StdioSupervisor } from './stdio-supervisor';

/** The lease outlives two missed renewals (renewed twice per heartbeat, it lasts 1.5 heartbeats). */
const LEASE_HEARTBEATS = 1.5;

export class LeaseTaken extends Error {}

/**
 * The stdio deployments this worker runs: it holds their leases, their processes and their
 * runner endpoints. Only workers call it (deployment jobs and StdioTakeover); in the api process it
 * stays idle.
 */
@Injectable()
export class StdioRunner implements BeforeApplicationShutdown {
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`.slice(0, 128);
  private readonly logger = new Logger(StdioRunner.name);
  private readonly local = new Map<string, { generation: number; supervisor: StdioSupervisor }>();
  private lastRenewed = Date.now();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    private readonly leases: DeploymentLeases,
    private readonly listener: RunnerListener,
    private readonly events: DeploymentEvents,
  ) {}

  get leaseTtlMs(): number {
    return Math.round(this.config.runner.heartbeatMs * LEASE_HEARTBEATS);
  }

  holds(deploymentId: string): boolean {
    return this.local.has(deploymentId);
  }

  /** Process group leaders of a deployment run here (tests and diagnostics). */
  pids(deploymentId: string): number[] {
    return this.local.get(deploymentId)?.supervisor.pids() ?? [];
  }

  /** Claims the deployment, starts its processes and serves them; resolves with the tools they list. */
  async run(d: DeploymentEntity, server: StdioServer): Promise<UpstreamTool[]> {
    if (!isAllowedCommand(server.command, this.config.stdio.allowedCommands)) {
      throw new Error(`the command "${server.command}" is not in STDIO_ALLOWED_COMMANDS`);
    }
    const existing = this.local.get(d.id);
    // The start job ran twice: what the first run started is the answer.
    if (existing?.generation === d.generation) return this.tools(existing.supervisor);
    if (existing) await this.stopLocal(d.id);
    const url = await this.listener.url();
    const previous = await this.leases.groupsOf(d.id);
    if (!(await this.leases.claim(d.id, d.generation, this.holder, url, this.leaseTtlMs))) throw new LeaseTaken('another worker runs this deployment');
    if (previous && previous.holder !== this.holder) {
      const reaped = reapGroups(previous.groups);
      if (reaped) this.logger.warn(`killed ${reaped} process group(s) of ${d.id} left by a dead worker on this host`);
    }
    const { maxCrashes, crashWindowMs, restartBackoffMs, stopGraceMs } = this.config.stdio;
    const supervisor = new StdioSupervisor(
      d.id,
      { command: server.command, args: server.args, env: childEnvironment(server.env), cwd: server.cwd },
      { replicas: d.replicas, resources: { cpu: d.cpu, memory: d.memory }, maxCrashes, crashWindowMs, restartBackoffMs, stopGraceMs },
    );
    this.local.set(d.id, { generation: d.generation, supervisor });
    supervisor.onchange = () => void this.recordInstances(d.id, d.generation, supervisor, true);
    supervisor.onfail = (error) => void this.failed(d, error);
    try {
      await supervisor.start();
      await this.listener.serve(supervisor, { name: d.slug, version: d.toolVersion }, d.timeoutMs ?? this.config.gateway.callTimeoutMs);
      return await this.tools(supervisor);
    } catch (err) {
      await this.stopLocal(d.id);
      throw err;
    }
  }

  /** Kills the deployment's processes here (if it runs here) and gives its lease up. */
  async stopLocal(deploymentId: string): Promise<void> {
    const entry = this.local.get(deploymentId);
    if (!entry) return;
    this.local.delete(deploymentId);
    this.listener.unserve(deploymentId);
    await entry.supervisor.stop();
    await this.recordInstances(deploymentId, entry.generation, entry.supervisor, false);
    await this.leases.release(deploymentId, this.holder).catch((err: Error) => this.logger.warn(`lease of ${deploymentId} not released: ${err.message}`));
  }

  /**
   * Extends the leases of what runs here and stops whatever was stopped, redeployed or taken over
   * meanwhile. When renewals keep failing (PostgreSQL away) past the lease's life, another worker
   * may already run the deployment, so the processes here stop rather than run twice.
   */
  async renew(): Promise<void> {
    const held = new Map([...this.local].map(([id, e]) => [id, e.generation]));
    if (held.size === 0) return;
    let kept: Set<string>;
    try {
      kept = await this.leases.renew(this.holder, held, this.leaseTtlMs);
      this.lastRenewed = Date.now();
    } catch (err) {
      this.logger.warn(`lease renewal failed: ${(err as Error).message}`);
      if (Date.now() - this.lastRenewed < this.leaseTtlMs) return;
      kept = new Set();
    }
    // Not awaited: a slow stop (grace period) must not hold up the next renewal of the others.
    for (const id of held.keys()) {
      if (!kept.has(id)) void this.stopLocal(id).catch((err: Error) => this.logger.warn(`stopping ${id} failed: ${err.message}`));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.local.keys()].map((id) => this.stopLocal(id)));
  }

  private async tools(supervisor: StdioSupervisor): Promise<UpstreamTool[]> {
    const client = supervisor.pick();
    if (!client) throw new Error('no process of the deployment is running');
    return (await client.listTools()).tools.map((t) => toUpstreamTool(t as UpstreamTool));
  }

  /** Writes the instances to the row (same generation only) and announces them. */
  private async recordInstances(id: string, generation: number, supervisor: StdioSupervisor, announce: boolean): Promise<void> {
    try {
      const written = await this.deployments.update({ id, generation }, { instances: supervisor.views() as never });
      if (announce) await this.leases.recordGroups(id, this.holder, recordGroups(supervisor.pids()));
      if (!announce || !written.affected) return;
      const row = await this.deployments.findOneBy({ id, status: In(['starting', 'running']) });
      if (row) await this.events.publish(row);
    } catch (err) {
      this.logger.warn(`instances of ${id} not recorded: ${(err as Error).message}`);
    }
  }

  private async failed(d: DeploymentEntity, error: string): Promise<void> {
    this.logger.warn(`deployment ${d.id} failed: ${error}`);
    await this.stopLocal(d.id);
    const update = { status: 'failed' as const, healthStatus: 'unhealthy' as const, error: `Crashed: ${error}` };
    const written = await this.deployments.update({ id: d.id, generation: d.generation, status: In(['starting', 'running']) }, update);
    if (written.affected) await this.events.publish({ ...d, ...update });
  }
}
