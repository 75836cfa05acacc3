import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { registerApi } from './openapi';

/** The repository root, found from here whether this file runs from test/ or compiled under dist/. */
function repositoryRoot(from: string): string {
  return existsSync(join(from, 'nest-cli.json')) ? from : repositoryRoot(dirname(from));
}

export const ROOT = repositoryRoot(__dirname);
export const ENTRYPOINTS = {
  api: join(ROOT, 'dist/apps/api/apps/api/src/main.js'),
  worker: join(ROOT, 'dist/apps/worker/apps/worker/src/main.js'),
};

/** A real api or worker process started from the build, with its output kept for assertions and debugging. */
export class ServiceProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;
  private exitCode?: number | null;
  private exited?: Promise<number | null>;

  constructor(
    readonly kind: keyof typeof ENTRYPOINTS,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly nodeArgs: string[] = [],
  ) {
    // Everything an api answers through the http helper is checked against its OpenAPI document.
    if (kind === 'api') registerApi(this.url);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): this {
    const child = spawn(process.execPath, [...this.nodeArgs, ENTRYPOINTS[this.kind]], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve((this.exitCode = code))));
    this.child = child;
    return this;
  }

  async waitReady(timeoutMs = 60_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`${this.kind} exited with ${this.exitCode}:\n${this.logs()}`);
      const ok = await fetch(`${this.url}/health/live`).then((r) => r.ok, () => false);
      if (ok) return this;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.kind} not ready within ${timeoutMs} ms:\n${this.logs()}`);
  }

  logs(): string {
    return this.output.join('');
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Resolves with the exit code (null when killed by a signal). */
  waitExit(timeoutMs = 40_000): Promise<number | null> {
    if (!this.exited) return Promise.resolve(null);
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.kind} did not exit in ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  async stop(): Promise<void> {
    if (!this.child || this.exitCode !== undefined) return;
    this.child.kill('SIGTERM');
    await this.waitExit(15_000).catch(() => this.child?.kill('SIGKILL'));
  }
}
