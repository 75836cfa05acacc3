import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig, Conflict, type DeploymentStatusEvent, isUuid, JobProducer, NotFound, pageOffset, toPage } from '@app/core';
import { assertCanModify, canSee, type AuthUser } from '@app/auth';
import { McpToolEntity, McpToolsService } from '@app/mcp';
import { CreateDeploymentDto } from './dto/create-deployment.dto';
import { ListDeploymentsQueryDto } from './dto/list-deployments-query.dto';
import { DeploymentEvents, deploymentStatusOf } from './deployment-events';
import { ACTIVE_STATUSES, DeploymentEntity } from './entities/deployment.entity';
import { startJobId } from './lifecycle/deployment-reconcile.source';
import { DeploymentMetricsStore } from './metrics/deployment-metrics.store';
import { RuntimeRegistry } from './runtime/runtime-registry';
import { toDeploymentCreated, toDeploymentDetail, toDeploymentSummary, type DeploymentMetrics } from './deployment.view';

const UNIQUE_VIOLATION = '23505';

/** Deployment lifecycle as the api sees it: rows and jobs; the worker does the connecting. */
@Injectable()
export class DeploymentsService {
  constructor(
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tools: McpToolsService,
    private readonly runtimes: RuntimeRegistry,
    private readonly jobs: JobProducer,
    private readonly events: DeploymentEvents,
    private readonly metrics: DeploymentMetricsStore,
  ) {}

  async create(user: AuthUser, dto: CreateDeploymentDto) {
    const tool = await this.tools.get(dto.tool_id);
    assertCanModify(user, tool.authorId, 'deployments:write');
    const runtime = this.runtimes.forConfig(tool.config, user);
    const { config } = dto;
    const row = this.deployments.create({
      toolId: tool.id,
      ownerId: user.id,
      slug: tool.slug,
      toolVersion: tool.version,
      runtime: runtime.kind,
      environment: config.environment,
      replicas: config.replicas,
      cpu: config.resources.cpu,
      memory: config.resources.memory,
      timeoutMs: config.timeout_ms ?? null,
      maxConcurrency: config.max_concurrency ?? null,
      status: 'starting',
    });
    const saved = await this.deployments.save(row).catch((err: { code?: string }) => {
      if (err.code === UNIQUE_VIOLATION) throw Conflict('The tool already has an active deployment', { field: 'tool_id' });
      throw err;
    });
    await this.enqueueStart(saved);
    return toDeploymentCreated(saved, this.config.publicBaseUrl);
  }

  async list(user: AuthUser, query: ListDeploymentsQueryDto) {
    const qb = this.deployments.createQueryBuilder('d').innerJoinAndMapOne('d.tool', McpToolEntity, 't', 't.id = d.tool_id');
    if (user.role !== 'admin') qb.andWhere('d.owner_id = :owner', { owner: user.id });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    qb.orderBy('d.deployed_at', 'DESC').addOrderBy('d.id', 'DESC');
    const [rows, total] = await Promise.all([qb.clone().offset(pageOffset(query)).limit(query.page_size).getMany(), qb.getCount()]);
    const { items, ...page } = toPage(rows, total, query);
    return { deployments: items.map((d) => toDeploymentSummary(d, d.tool?.name ?? '', this.config.publicBaseUrl)), ...page };
  }

  async get(user: AuthUser, id: string) {
    const d = await this.visible(user, id);
    const tool = await this.tools.get(d.toolId);
    return toDeploymentDetail(d, tool.name, this.config.publicBaseUrl, await this.metricsOf(d));
  }

  /** The deployment's current status and health, for a realtime subscriber (owner or admin; else 404). */
  async statusEvent(user: AuthUser, id: string): Promise<DeploymentStatusEvent> {
    return deploymentStatusOf(await this.visible(user, id));
  }

  async stop(user: AuthUser, id: string) {
    const d = await this.visible(user, id);
    assertCanModify(user, d.ownerId, 'deployments:delete');
    const stopped = d.status === 'stopped' ? d : await this.markStopped(d);
    return { message: 'Deployment stopped successfully', deployment_id: d.id, stopped_at: stopped.stoppedAt };
  }

  /** Moves the deployment to the tool's current version and starts it again. */
  async redeploy(user: AuthUser, id: string) {
    const d = await this.visible(user, id);
    assertCanModify(user, d.ownerId, 'deployments:write');
    const tool = await this.tools.get(d.toolId);
    const runtime = this.runtimes.forConfig(tool.config, user);
    Object.assign(d, {
      toolVersion: tool.version,
      slug: tool.slug,
      runtime: runtime.kind,
      status: 'starting',
      healthStatus: 'unknown',
      consecutiveFailures: 0,
      error: null,
      stoppedAt: null,
      deployedAt: new Date(),
      generation: d.generation + 1,
    });
    const saved = await this.deployments.save(d).catch((err: { code?: string }) => {
      if (err.code === UNIQUE_VIOLATION) throw Conflict('The tool already has another active deployment', { field: 'tool_id' });
      throw err;
    });
    await this.enqueueStart(saved);
    return toDeploymentCreated(saved, this.config.publicBaseUrl);
  }

  /**
   * Deleting a tool (authorized by the caller) stops its deployment first, so the gateway and the
   * runtimes let go of it; the rows then go with the tool (ON DELETE CASCADE).
   */
  async removeTool(toolId: string): Promise<void> {
    for (const d of await this.deployments.findBy({ toolId, status: In(ACTIVE_STATUSES) })) await this.markStopped(d);
    await this.tools.remove(toolId);
  }

  private async markStopped(d: DeploymentEntity): Promise<DeploymentEntity> {
    Object.assign(d, { status: 'stopped', healthStatus: 'unknown', stoppedAt: new Date() });
    const saved = await this.deployments.save(d);
    await this.events.publish(saved);
    await this.jobs.enqueue('deployments.stop', { deployment_id: d.id, runtime: d.runtime }, `stop:${d.id}:${d.generation}`);
    return saved;
  }

  private async enqueueStart(d: DeploymentEntity): Promise<void> {
    await this.events.publish(d);
    await this.jobs.enqueue('deployments.start', { deployment_id: d.id }, startJobId(d));
  }

  private async visible(user: AuthUser, id: string): Promise<DeploymentEntity> {
    // Realtime subscribers may name any string; only a UUID can be a deployment.
    const d = isUuid(id) ? await this.deployments.findOneBy({ id }) : null;
    if (!d || !canSee(user, d.ownerId)) throw NotFound('deployment', id);
    return d;
  }

  private async metricsOf(d: DeploymentEntity): Promise<DeploymentMetrics> {
    const pending = await this.metrics.pending(d.id);
    const requests = Number(d.requestsTotal) + pending.requests;
    const errors = Number(d.errorsTotal) + pending.errors;
    const latency = Number(d.latencyTotalMs) + pending.latencyMs;
    return {
      requests_total: requests,
      avg_response_time_ms: requests ? Math.round((latency / requests) * 100) / 100 : 0,
      error_rate: requests ? Math.round((errors / requests) * 10_000) / 10_000 : 0,
    };
  }
}
