import type { DeploymentInstanceView } from '../deployment-runtime';
import type { McpClient } from '../../sdk/mcp-sdk';
import type { ProcessSpec } from './process-group-transport';
import { StdioInstance } from './stdio-instance';

export interface SupervisorSettings {
  replicas: number;
  resources: { cpu: string; memory: string };
  maxCrashes: number;
  crashWindowMs: number;
  restartBackoffMs: number;
  stopGraceMs: number;
}

const MAX_BACKOFF_MS = 30_000;
export const STDIO_RUNTIME = 'stdio';

/**
 * The `replicas` processes of one deployment in this worker. A process that crashes (or fails to
 * start) is started again after a backoff that doubles with every crash in the window; the
 * `maxCrashes`-th crash within `crashWindowMs` fails the deployment, quoting the last stderr lines.
 * Calls go round-robin to the instances that are running.
 */
export class StdioSupervisor {
  /** Every instance change (start, crash, restart), for the deployment row and its event. */
  onchange?: () => void;
  /** The crash limit was reached after the deployment had come up. */
  onfail?: (error: string) => void;
  private readonly instances: StdioInstance[];
  private readonly crashes: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private next = 0;
  private stopped = false;
  private failure?: string;
  private ready?: { resolve: () => void; reject: (err: Error) => void };

  constructor(
    readonly deploymentId: string,
    spec: ProcessSpec,
    private readonly settings: SupervisorSettings,
  ) {
    this.instances = Array.from(
      { length: settings.replicas },
      (_, i) => new StdioInstance(`${deploymentId.slice(0, 8)}-${i + 1}`, spec, settings.resources, settings.stopGraceMs),
    );
  }

  /** Resolves once every replica serves; rejects when the crash limit is reached first. */
  start(): Promise<void> {
    const up = new Promise<void>((resolve, reject) => (this.ready = { resolve, reject }));
    for (const instance of this.instances) {
      instance.onexit = () => void this.crashed(instance);
      void this.launch(instance);
    }
    return up;
  }

  /** A running instance's client, round-robin; undefined when none runs. */
  pick(): McpClient | undefined {
    for (let i = 0; i < this.instances.length; i++) {
      const instance = this.instances[this.next++ % this.instances.length];
      if (instance.status === 'running' && instance.client) return instance.client;
    }
    return undefined;
  }

  views(): DeploymentInstanceView[] {
    return this.instances.map((i) => i.view(STDIO_RUNTIME));
  }

  /** The process ids of the group leaders, for tests and diagnostics. */
  pids(): number[] {
    return this.instances.map((i) => i.pid).filter((p): p is number => p !== undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready?.reject(new Error('the deployment was stopped before it came up'));
    this.ready = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.instances.map((i) => i.stop()));
  }

  private async launch(instance: StdioInstance): Promise<void> {
    try {
      await instance.start();
    } catch (err) {
      await this.crashed(instance, (err as Error).message);
      return;
    }
    if (this.stopped) return void (await instance.stop());
    this.onchange?.();
    if (this.ready && this.instances.every((i) => i.status === 'running')) {
      this.ready.resolve();
      this.ready = undefined;
    }
  }

  private async crashed(instance: StdioInstance, startError?: string): Promise<void> {
    if (this.stopped) return;
    const stderr = instance.stderr();
    if (startError && stderr.length === 0) stderr.push(startError);
    await instance.reap();
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length && this.crashes[0] < now - this.settings.crashWindowMs) this.crashes.shift();
    if (this.crashes.length >= this.settings.maxCrashes) return this.fail(stderr);
    this.onchange?.();
    const delay = Math.min(MAX_BACKOFF_MS, this.settings.restartBackoffMs * 2 ** (this.crashes.length - 1));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      instance.restarts++;
      void this.launch(instance);
    }, delay);
    this.timers.add(timer);
  }

  private async fail(stderr: string[]): Promise<void> {
    if (this.failure) return;
    const seconds = Math.round(this.settings.crashWindowMs / 1000);
    this.failure = `the server crashed ${this.crashes.length} times within ${seconds} s; last stderr: ${stderr.join(' | ') || '(none)'}`;
    const starting = this.ready;
    this.ready = undefined;
    await this.stop();
    for (const instance of this.instances) instance.status = 'failed';
    // While starting, start() rejects with the failure; afterwards the owner hears of it here.
    if (starting) starting.reject(new Error(this.failure));
    else this.onfail?.(this.failure);
  }
}
