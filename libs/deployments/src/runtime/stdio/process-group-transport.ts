import { type ChildProcess, spawn } from 'node:child_process';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { clientSdk } from '../../sdk/mcp-sdk';
import { StderrTail } from './stderr-tail';

export interface ProcessSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

type ReadBuffer = InstanceType<Awaited<ReturnType<typeof clientSdk>>['ReadBuffer']>;

/**
 * MCP over a child's stdin/stdout, like the SDK's StdioClientTransport, but the child leads its own
 * process group. The SDK transport spawns the child in the worker's group, merges its own default
 * environment (USER, SHELL, …) into ours, and on close signals only the child's pid, so a wrapper
 * such as `npx` would leave its real server behind. Here the child is spawned detached (a new
 * process group, no shell), with exactly the environment given, and `kill` signals the whole group:
 * SIGTERM, then SIGKILL once the grace period passes. The SDK's own ReadBuffer and
 * serializeMessage do the framing, so the wire format is the SDK's.
 */
export class ProcessGroupTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly stderr = new StderrTail();
  /** Called once when the leader exits, whoever caused it. */
  onexit?: () => void;
  /** Called with the leader's pid as soon as it exists (before it speaks MCP), e.g. to move it into a cgroup. */
  onspawn?: (pid: number) => void;
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private serialize?: (message: JSONRPCMessage) => string;

  constructor(private readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Called by Client.connect, once. */
  async start(): Promise<void> {
    if (this.child) throw new Error('ProcessGroupTransport already started');
    const { ReadBuffer, serializeMessage } = await clientSdk();
    this.serialize = serializeMessage;
    const buffer: ReadBuffer = new ReadBuffer();
    const child = spawn(this.spec.command, this.spec.args, {
      env: this.spec.env,
      cwd: this.spec.cwd,
      detached: true,
      shell: false,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.onexit?.();
        resolve();
      }),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      buffer.append(chunk);
      for (;;) {
        let message: JSONRPCMessage | null;
        try {
          message = buffer.readMessage();
        } catch (err) {
          this.onerror?.(err as Error);
          continue;
        }
        if (message === null) break;
        this.onmessage?.(message);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    // A server that exits closes its pipes; writing to them then must not crash the worker.
    child.stdin.on('error', (err) => this.onerror?.(err));
    child.once('close', () => this.onclose?.());
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    if (child.pid !== undefined) this.onspawn?.(child.pid);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || !this.serialize || stdin.destroyed) throw new Error('The stdio server is not running');
    if (!stdin.write(this.serialize(message))) await new Promise((resolve) => stdin.once('drain', resolve));
  }

  /** Stops the whole process group; see `kill`. */
  async close(): Promise<void> {
    await this.kill(5_000);
  }

  /**
   * SIGTERM to every process of the group, SIGKILL to whatever is left after `graceMs`. Waits for
   * the group to empty, not only for the leader: a wrapper that exits on SIGTERM may leave a child
   * that ignores it.
   */
  async kill(graceMs: number): Promise<void> {
    const pgid = this.child?.pid;
    if (pgid === undefined) return;
    this.child?.stdin?.end();
    signalGroup(pgid, 'SIGTERM');
    if (!(await groupGone(pgid, graceMs))) signalGroup(pgid, 'SIGKILL');
    await groupGone(pgid, 5_000);
    await this.exited;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (signalGroup(pgid, 0)) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}
