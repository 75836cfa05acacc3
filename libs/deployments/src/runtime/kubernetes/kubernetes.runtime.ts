import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig, type ValidationIssue } from '@app/core';
import { DeploymentEntity } from '../../entities/deployment.entity';
import { createUpstreamFetch, type UpstreamFetch } from '../../upstream/safe-fetch';
import { UpstreamPool } from '../../upstream/upstream-pool';
import type { DeploymentRuntime, RuntimeDeployment, RuntimeHealth, RuntimeStart, UpstreamEndpoint, UpstreamTool } from '../deployment-runtime';
import { type KubernetesApis, kubernetesApis, statusOf } from './kubernetes-api';
import { deploymentObject, objectName, serviceObject, serviceUrl } from './kubernetes-objects';
import { stdioServerOf } from '../stdio/stdio-server';
import { StdioRuntime } from '../stdio/stdio.runtime';
import { replicaInstances } from './replica-instances';

const POLL_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stdio servers on Kubernetes (DEPLOYMENT_RUNTIME=kubernetes): per platform deployment a
 * Deployment of runner pods and a Service, in one namespace. Started when the Deployment reports
 * an available replica and the Service answers an MCP ping; healthy while replicas are available
 * and the ping answers; stopped by deleting both. The gateway calls the Service address.
 */
@Injectable()
export class KubernetesRuntime implements DeploymentRuntime {
  readonly kind = 'kubernetes';
  /** Running a stdio server is the same privilege whichever runtime runs it. */
  readonly requiredPermission = 'deployments:stdio' as const;
  private readonly logger = new Logger(KubernetesRuntime.name);
  private apis?: Promise<KubernetesApis>;
  /** The Service address is the platform's own (KUBERNETES_SERVICE_URL), not a user's: cluster-private is expected. */
  private readonly serviceFetch: UpstreamFetch;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    private readonly pool: UpstreamPool,
    private readonly stdio: StdioRuntime,
  ) {
    this.serviceFetch = createUpstreamFetch({ allowPrivate: true, maxResponseBytes: config.gateway.maxResponseBytes });
  }

  private get k8s(): Promise<KubernetesApis> {
    return (this.apis ??= kubernetesApis(this.config.kubernetes));
  }

  accepts(toolConfig: Record<string, unknown>): boolean {
    return this.config.deploymentRuntime === 'kubernetes' && stdioServerOf(toolConfig) !== undefined;
  }

  /** STDIO_ALLOWED_COMMANDS holds on every runtime that runs stdio servers. */
  check(toolConfig: Record<string, unknown>): ValidationIssue[] {
    return this.stdio.check(toolConfig);
  }

  async start(deployment: RuntimeDeployment): Promise<RuntimeStart> {
    const server = stdioServerOf(deployment.toolConfig);
    if (!server) throw new Error('The tool config has no stdio server (a servers[] entry with a command)');
    const { apps, core } = await this.k8s;
    const namespace = this.config.kubernetes.namespace;
    const name = objectName(deployment.id);
    const body = deploymentObject(deployment, server, this.config.kubernetes);
    // A restart or redeploy finds its objects in place: the Deployment takes the new spec, the Service stays.
    await apps.createNamespacedDeployment({ namespace, body }).catch((err: unknown) => {
      if (statusOf(err) !== 409) throw err;
      return apps.replaceNamespacedDeployment({ name, namespace, body });
    });
    await core.createNamespacedService({ namespace, body: serviceObject(deployment, this.config.kubernetes) }).catch((err: unknown) => {
      if (statusOf(err) !== 409) throw err;
    });
    const deadline = Date.now() + this.config.kubernetes.readyTimeoutMs;
    await this.untilAvailable(deployment, deadline);
    return { tools: await this.untilServing(deployment, deadline) };
  }

  async stop(deploymentId: string): Promise<void> {
    const { apps, core } = await this.k8s;
    const namespace = this.config.kubernetes.namespace;
    const name = objectName(deploymentId);
    const gone = (err: unknown) => {
      if (statusOf(err) !== 404) throw err;
    };
    await Promise.all([
      apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy: 'Background' }).catch(gone),
      core.deleteNamespacedService({ name, namespace }).catch(gone),
    ]);
    await this.pool.evict(deploymentId);
  }

  async instances(deployment: RuntimeDeployment): Promise<UpstreamEndpoint[]> {
    return [{ url: serviceUrl(deployment.id, this.config.kubernetes), transport: 'streamable-http', fetch: this.serviceFetch }];
  }

  /** Unhealthy without an available replica (the Deployment's status); otherwise the MCP ping decides. */
  async health(deployment: RuntimeDeployment): Promise<RuntimeHealth> {
    const started = performance.now();
    const available = await this.availableReplicas(deployment).catch((err: Error) => err);
    if (available instanceof Error || available === 0) {
      const error = available instanceof Error ? `Kubernetes API: ${available.message}` : `0 of ${deployment.replicas} replicas available`;
      return { ok: false, latencyMs: performance.now() - started, error };
    }
    const [endpoint] = await this.instances(deployment);
    return this.pool.ping(deployment.id, endpoint);
  }

  /** The Deployment's availableReplicas, recorded as the deployment's instances on the way. */
  private async availableReplicas(deployment: RuntimeDeployment): Promise<number> {
    const { apps } = await this.k8s;
    const name = objectName(deployment.id);
    const current = await apps.readNamespacedDeployment({ name, namespace: this.config.kubernetes.namespace });
    const available = current.status?.availableReplicas ?? 0;
    await this.recordInstances(deployment, available);
    return available;
  }

  /** Written only when something changed, and only while the deployment is live. */
  private async recordInstances(deployment: RuntimeDeployment, available: number): Promise<void> {
    try {
      const row = await this.deployments.findOne({ where: { id: deployment.id }, select: { id: true, instances: true } });
      if (!row) return;
      const instances = replicaInstances(objectName(deployment.id), deployment.replicas, available, row.instances, new Date());
      if (JSON.stringify(instances) === JSON.stringify(row.instances)) return;
      await this.deployments.update({ id: deployment.id, status: In(['starting', 'running']) }, { instances: instances as never });
    } catch (err) {
      this.logger.warn(`instances of ${deployment.id} not recorded: ${(err as Error).message}`);
    }
  }

  private async untilAvailable(deployment: RuntimeDeployment, deadline: number): Promise<void> {
    while ((await this.availableReplicas(deployment)) === 0) {
      if (Date.now() > deadline) throw new Error(`no replica became available within ${this.config.kubernetes.readyTimeoutMs} ms`);
      await sleep(POLL_MS);
    }
  }

  /** Readiness is the MCP ping through the Service: a pod can be available before its server answers. */
  private async untilServing(deployment: RuntimeDeployment, deadline: number): Promise<UpstreamTool[]> {
    const [endpoint] = await this.instances(deployment);
    for (;;) {
      const ping = await this.pool.ping(deployment.id, endpoint);
      if (ping.ok) return this.pool.freshTools(deployment.id, endpoint);
      if (Date.now() > deadline) throw new Error(`the runner did not answer an MCP ping: ${ping.error}`);
      await sleep(POLL_MS);
    }
  }
}
