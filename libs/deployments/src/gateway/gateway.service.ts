import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { CallToolResult, ServerCapabilities } from '@modelcontextprotocol/client';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig, AppException, NotFound, REDIS, ValidationFailed } from '@app/core';
import { UpstreamPool } from '../upstream/upstream-pool';
import type { DeploymentEntity } from '../entities/deployment.entity';
import type { UpstreamTool } from '../runtime/deployment-runtime';
import { CallLimiter } from './call-limiter';
import { DeploymentResolver, type ResolvedDeployment } from './deployment-resolver';
import { type CallOutcome, GatewayMetrics } from './gateway-metrics';

export const DeploymentNotRunning = (status: string) =>
  new AppException(503, 'SERVICE_UNAVAILABLE', `The deployment is not running (status: ${status})`, { status }, { 'Retry-After': '5' });

function outcomeOf(err: unknown): CallOutcome {
  const code = err instanceof AppException ? err.errorCode : undefined;
  if (code === 'VALIDATION_ERROR') return 'invalid_arguments';
  if (code === 'RATE_LIMIT_EXCEEDED') return 'rejected';
  if (code === 'UPSTREAM_TIMEOUT') return 'timeout';
  if (code === 'TOOL_ERROR') return 'tool_error';
  return 'upstream_error';
}

/**
 * The one path every gateway call takes, REST or MCP: resolve the slug, check it is running,
 * validate the arguments against the tool's input schema, cap concurrency, call the upstream
 * through the pooled client, and count it.
 */
@Injectable()
export class GatewayService implements OnModuleDestroy {
  private readonly limiter: CallLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis,
    private readonly resolver: DeploymentResolver,
    private readonly pool: UpstreamPool,
    private readonly metrics: GatewayMetrics,
  ) {
    this.limiter = new CallLimiter(redis, config.queuePrefix);
  }

  /** Idle concurrency slots go back while Redis is still open (RedisModule closes it in a later hook). */
  onModuleDestroy(): void {
    this.limiter.close();
  }

  /** A running deployment behind `slug` (404 when there is none, 503 when it is not running). */
  async running(slug: string): Promise<ResolvedDeployment> {
    const resolved = await this.resolver.resolve(slug);
    if (resolved.deployment.status !== 'running' || !resolved.endpoint) throw DeploymentNotRunning(resolved.deployment.status);
    return resolved;
  }

  listTools(resolved: ResolvedDeployment): UpstreamTool[] {
    return [...resolved.tools.values()];
  }

  async callTool(resolved: ResolvedDeployment, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    const { deployment, endpoint } = resolved;
    if (!resolved.tools.has(name)) throw NotFound('deployment_tool', name);
    const started = performance.now();
    try {
      const issues = resolved.checks.get(name)?.(args) ?? [];
      if (issues.length) throw ValidationFailed(issues);
      const { limit, timeoutMs } = this.limitsOf(deployment);
      const result = await this.limiter.run(deployment.id, limit, timeoutMs, () => this.pool.callTool(deployment.id, endpoint!, name, args, timeoutMs));
      this.metrics.record(deployment, name, result.isError ? 'tool_error' : 'success', performance.now() - started);
      return result;
    } catch (err) {
      this.metrics.record(deployment, name, outcomeOf(err), performance.now() - started);
      throw err;
    }
  }

  /** The upstream's own capabilities, which decide what the gateway passes through besides tools. */
  upstreamCapabilities(resolved: ResolvedDeployment): Promise<ServerCapabilities> {
    return this.pool.capabilities(resolved.deployment.id, resolved.endpoint!);
  }

  /** Resources and prompts pass straight through to the upstream, under the same timeout and concurrency cap as calls. */
  async passThrough(resolved: ResolvedDeployment, method: string, params: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
    const { deployment } = resolved;
    const { limit, timeoutMs } = this.limitsOf(deployment);
    return this.limiter.run(deployment.id, limit, timeoutMs, () => this.pool.request(deployment.id, resolved.endpoint!, method, params, timeoutMs));
  }

  /** The deployment's own overrides, else the platform defaults. */
  private limitsOf(deployment: DeploymentEntity): { limit: number; timeoutMs: number } {
    return {
      limit: deployment.maxConcurrency ?? this.config.gateway.maxConcurrentCalls,
      timeoutMs: deployment.timeoutMs ?? this.config.gateway.callTimeoutMs,
    };
  }
}
