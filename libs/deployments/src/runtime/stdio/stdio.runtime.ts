import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig, type ValidationIssue } from '@app/core';
import { DeploymentEntity } from '../../entities/deployment.entity';
import { createUpstreamFetch, type UpstreamFetch } from '../../upstream/safe-fetch';
import { UpstreamPool } from '../../upstream/upstream-pool';
import type { DeploymentRuntime, RuntimeDeployment, RuntimeHealth, RuntimeStart, UpstreamEndpoint } from '../deployment-runtime';
import { DeploymentLeases } from './deployment-leases';
import { runnerPath } from './runner-listener';
import { runnerToken } from './runner-token';
import { isAllowedCommand, stdioServerOf } from './stdio-server';
import { StdioRunner } from './stdio-runner';
import { STDIO_RUNTIME } from './stdio-supervisor';

/**
 * Server entries with `command` + `args`: processes run by a worker (the one holding the
 * deployment's lease) and served by its runner. The api side only reads the lease to learn which
 * runner to call; to the gateway that is just another MCP endpoint.
 */
@Injectable()
export class StdioRuntime implements DeploymentRuntime {
  readonly kind = STDIO_RUNTIME;
  readonly requiredPermission = 'deployments:stdio' as const;
  /**
   * Runners live on private addresses by design and their URL comes from the platform's own
   * configuration (RUNNER_ADVERTISE_URL), never from a tool author, so the SSRF guard does not
   * apply; the response size cap does.
   */
  private readonly runnerFetch: UpstreamFetch;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    private readonly leases: DeploymentLeases,
    private readonly runner: StdioRunner,
    private readonly pool: UpstreamPool,
  ) {
    this.runnerFetch = createUpstreamFetch({ allowPrivate: true, maxResponseBytes: config.gateway.maxResponseBytes });
  }

  accepts(toolConfig: Record<string, unknown>): boolean {
    return stdioServerOf(toolConfig) !== undefined;
  }

  check(toolConfig: Record<string, unknown>): ValidationIssue[] {
    const command = stdioServerOf(toolConfig)?.command ?? '';
    if (isAllowedCommand(command, this.config.stdio.allowedCommands)) return [];
    return [
      {
        loc: ['body', 'tool_id'],
        msg: `the tool's command "${command.slice(0, 100)}" is not allowed on this platform (STDIO_ALLOWED_COMMANDS)`,
        type: 'value_error.command_not_allowed',
      },
    ];
  }

  async start(deployment: RuntimeDeployment): Promise<RuntimeStart> {
    const row = await this.deployments.findOneByOrFail({ id: deployment.id });
    return { tools: await this.runner.run(row, stdioServerOf(deployment.toolConfig)!) };
  }

  /** Stops the processes when they run in this worker; elsewhere their holder sees the stop (event or lease renewal). */
  async stop(deploymentId: string): Promise<void> {
    await this.runner.stopLocal(deploymentId);
    await this.pool.evict(deploymentId);
  }

  /** The runner of the worker holding the lease; none while the deployment changes hands. */
  async instances(deployment: RuntimeDeployment): Promise<UpstreamEndpoint[]> {
    const runner = await this.leases.runnerOf(deployment.id);
    if (!runner) return [];
    const authorization = `Bearer ${runnerToken(this.config)}`;
    return [{ url: `${runner}${runnerPath(deployment.id)}`, transport: 'streamable-http', headers: { authorization }, fetch: this.runnerFetch }];
  }

  async health(deployment: RuntimeDeployment): Promise<RuntimeHealth> {
    const [endpoint] = await this.instances(deployment);
    if (!endpoint) return { ok: false, latencyMs: 0, error: 'no worker runs the deployment now' };
    return this.pool.ping(deployment.id, endpoint);
  }
}
