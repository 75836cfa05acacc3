import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';
import { EventBus, NotFound } from '@app/core';
import { ToolSnapshots } from '@app/mcp';
import { DeploymentEvents } from '../deployment-events';
import { DeploymentEntity } from '../entities/deployment.entity';
import type { UpstreamEndpoint, UpstreamTool } from '../runtime/deployment-runtime';
import { runtimeDeployment } from '../lifecycle/runtime-deployment';
import { RuntimeRegistry } from '../runtime/runtime-registry';
import { type ArgumentCheck, compileArgumentCheck } from './argument-validator';

/** Everything a gateway call needs about a deployment, computed once per cache entry. */
export interface ResolvedDeployment {
  deployment: DeploymentEntity;
  endpoint?: UpstreamEndpoint;
  tools: Map<string, UpstreamTool>;
  checks: Map<string, ArgumentCheck>;
  /** Per-entry extras (e.g. the MCP handler), dropped with the entry. */
  attachments: Map<string, { close(): Promise<void> | void }>;
}

interface CacheEntry {
  value: Promise<ResolvedDeployment>;
  expires: number;
}

const RUNNING_TTL_MS = 5_000;
const OTHER_TTL_MS = 1_000;

/**
 * Slug → deployment, cached per api process. Every `deployment_status` (local, or from another
 * process through the event bus) drops the entry, so a stop is seen at once on every replica; the
 * TTL only bounds staleness if a bus message is lost.
 */
@Injectable()
export class DeploymentResolver implements OnModuleDestroy {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    private readonly snapshots: ToolSnapshots,
    private readonly runtimes: RuntimeRegistry,
    events: DeploymentEvents,
    bus: EventBus,
  ) {
    this.unsubscribe.push(events.onLocal((id) => this.invalidate(id)));
    this.unsubscribe.push(
      bus.onMessage((message) => {
        if (message.event.type === 'deployment_status') this.invalidate(message.event.deployment_id);
      }),
    );
  }

  async resolve(slug: string): Promise<ResolvedDeployment> {
    const cached = this.cache.get(slug);
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = this.load(slug);
    const entry = { value, expires: Date.now() + OTHER_TTL_MS };
    this.cache.set(slug, entry);
    value.then(
      (r) => (entry.expires = Date.now() + (r.deployment.status === 'running' ? RUNNING_TTL_MS : OTHER_TTL_MS)),
      () => this.cache.get(slug) === entry && this.cache.delete(slug),
    );
    if (cached) void this.release(cached);
    return value;
  }

  invalidate(deploymentId: string): void {
    for (const [slug, entry] of this.cache) {
      void entry.value.then(
        (r) => {
          if (r.deployment.id !== deploymentId || this.cache.get(slug) !== entry) return;
          this.cache.delete(slug);
          void this.release(entry);
        },
        () => undefined,
      );
    }
  }

  /** The live deployment behind a slug: the newest one that is not stopped. */
  private async load(slug: string): Promise<ResolvedDeployment> {
    const deployment = await this.deployments.findOne({ where: { slug, status: Not('stopped') }, order: { deployedAt: 'DESC' } });
    if (!deployment) throw NotFound('deployment', slug);
    const tools = new Map(deployment.tools.map((t) => [t.name, t]));
    const checks = new Map(deployment.tools.map((t) => [t.name, compileArgumentCheck(t.inputSchema ?? {})]));
    let endpoint: UpstreamEndpoint | undefined;
    if (deployment.status === 'running') {
      [endpoint] = await this.runtimes.byKind(deployment.runtime).instances(await runtimeDeployment(deployment, this.snapshots));
    }
    return { deployment, endpoint, tools, checks, attachments: new Map() };
  }

  private async release(entry: CacheEntry): Promise<void> {
    const resolved = await entry.value.catch(() => undefined);
    for (const attachment of resolved?.attachments.values() ?? []) await attachment.close();
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }
}
