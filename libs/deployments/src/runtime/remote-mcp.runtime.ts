import { Injectable } from '@nestjs/common';
import { UpstreamPool } from '../upstream/upstream-pool';
import type { DeploymentRuntime, UpstreamEndpoint, RuntimeDeployment, RuntimeHealth, RuntimeStart } from './deployment-runtime';
import { remoteServerOf } from './remote-server';

/** A team's MCP server already running somewhere: nothing to start, only to connect to and watch. */
@Injectable()
export class RemoteMcpRuntime implements DeploymentRuntime {
  readonly kind = 'remote-mcp';

  constructor(private readonly pool: UpstreamPool) {}

  accepts(toolConfig: Record<string, unknown>): boolean {
    return remoteServerOf(toolConfig) !== undefined;
  }

  async start(deployment: RuntimeDeployment): Promise<RuntimeStart> {
    const [endpoint] = await this.instances(deployment);
    return { tools: await this.pool.freshTools(deployment.id, endpoint) };
  }

  async stop(deploymentId: string): Promise<void> {
    await this.pool.evict(deploymentId);
  }

  async instances(deployment: RuntimeDeployment): Promise<UpstreamEndpoint[]> {
    const endpoint = remoteServerOf(deployment.toolConfig);
    if (!endpoint) throw new Error('The tool config has no remote MCP server (a servers[] entry with a url)');
    return [endpoint];
  }

  async health(deployment: RuntimeDeployment): Promise<RuntimeHealth> {
    const [endpoint] = await this.instances(deployment);
    return this.pool.ping(deployment.id, endpoint);
  }
}
