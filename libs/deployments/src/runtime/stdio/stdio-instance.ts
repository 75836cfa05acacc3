import type { DeploymentInstanceView } from '../deployment-runtime';
import { clientSdk, type McpClient } from '../../sdk/mcp-sdk';
import { ProcessGroupTransport, type ProcessSpec } from './process-group-transport';
import { ResourceLimits } from './resource-limits';

const CONNECT_TIMEOUT_MS = 30_000;

export type InstanceStatus = DeploymentInstanceView['status'];

/**
 * One replica of a stdio server: its process group and the MCP client connected to it. The
 * client uses the SDK's default legacy `initialize` handshake, which every stdio server speaks.
 * `onexit` fires when the process ends for any reason the instance did not ask for.
 */
export class StdioInstance {
  status: InstanceStatus = 'starting';
  restarts = 0;
  startedAt: Date | null = null;
  client?: McpClient;
  onexit?: () => void;
  private transport?: ProcessGroupTransport;
  private limits?: ResourceLimits;

  constructor(
    readonly id: string,
    private readonly spec: ProcessSpec,
    private readonly resources: { cpu: string; memory: string },
    private readonly graceMs: number,
  ) {}

  get pid(): number | undefined {
    return this.transport?.pid;
  }

  /** The last stderr lines of the current (or last) process. */
  stderr(count?: number): string[] {
    return this.transport?.stderr.last(count) ?? [];
  }

  /** Spawns and initializes; on failure the process group is gone again and the error says why. */
  async start(): Promise<void> {
    const { Client } = await clientSdk();
    this.limits = new ResourceLimits(this.id, this.resources);
    const transport = new ProcessGroupTransport(this.limits.wrap(this.spec));
    this.transport = transport;
    // Only a serving process can crash; a failed start or a stop is reported by its caller.
    transport.onexit = () => {
      if (this.transport === transport && this.status === 'running') this.onexit?.();
    };
    const limits = this.limits;
    transport.onspawn = (pid) => limits.attach(pid);
    const client = new Client({ name: 'mcp-platform-runner', version: '1.0.0' });
    try {
      // connect() starts the transport (spawns the process) and runs the initialize handshake.
      await client.connect(transport, { timeout: CONNECT_TIMEOUT_MS });
    } catch (err) {
      await this.kill();
      throw err;
    }
    this.client = client;
    this.status = 'running';
    this.startedAt = new Date();
  }

  /** Marks a crash and kills what is left of the process group (a wrapper's children). */
  async reap(): Promise<void> {
    this.status = 'restarting';
    await this.kill();
  }

  async stop(): Promise<void> {
    this.status = 'stopped';
    await this.kill();
  }

  view(runtime: string): DeploymentInstanceView {
    return { id: this.id, runtime, status: this.status, restarts: this.restarts, started_at: this.startedAt?.toISOString() ?? null };
  }

  private async kill(): Promise<void> {
    const transport = this.transport;
    this.client = undefined;
    await transport?.kill(this.graceMs);
    this.limits?.release();
  }
}
