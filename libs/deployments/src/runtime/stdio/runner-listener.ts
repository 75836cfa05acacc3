import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { serverSdk, type ServerSdk } from '../../sdk/mcp-sdk';
import { isRunnerAuthorized } from './runner-token';
import { stdioProxyFactory } from './stdio-proxy-server';
import type { StdioSupervisor } from './stdio-supervisor';

type McpHttpHandler = ReturnType<ServerSdk['createMcpHandler']>;
const PATH = /^\/runner\/([0-9a-f-]{36})\/mcp$/;

/** Where the runner serves a deployment, relative to its advertised URL. */
export const runnerPath = (deploymentId: string) => `/runner/${deploymentId}/mcp`;

/**
 * The worker's internal Streamable HTTP listener (RUNNER_PORT): `/runner/{deployment}/mcp` for each
 * stdio deployment this worker runs, for the api replicas only. Every request must carry the
 * runner token; anything else gets 401 before reaching a process. It listens from the first
 * deployment this worker takes, so workers that never run one open no port.
 */
@Injectable()
export class RunnerListener implements OnApplicationShutdown {
  private readonly logger = new Logger(RunnerListener.name);
  private readonly served = new Map<string, McpHttpHandler>();
  private server?: Server;
  private listening?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The advertised base URL, once listening. */
  url(): Promise<string> {
    return (this.listening ??= this.listen());
  }

  async serve(supervisor: StdioSupervisor, info: { name: string; version: string }, callTimeoutMs: number): Promise<void> {
    const sdk = await serverSdk();
    const handler = sdk.createMcpHandler(stdioProxyFactory(sdk, supervisor, callTimeoutMs, info), {
      legacy: 'stateless',
      onerror: (err) => this.logger.debug(`runner ${supervisor.deploymentId}: ${err.message}`),
    });
    this.served.set(supervisor.deploymentId, handler);
  }

  unserve(deploymentId: string): void {
    this.served.delete(deploymentId);
  }

  private async listen(): Promise<string> {
    const sdk = await serverSdk();
    const server = createServer((req, res) => void this.handle(sdk, req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.runner.port, resolve);
    });
    const { port } = server.address() as AddressInfo;
    const url = this.config.runner.advertiseUrl ?? `http://127.0.0.1:${port}`;
    this.logger.log(`runner listening on port ${port}, advertised as ${url}`);
    return url;
  }

  private async handle(sdk: ServerSdk, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isRunnerAuthorized(req.headers.authorization, this.config)) return void res.writeHead(401).end();
    const id = PATH.exec(req.url?.split('?')[0] ?? '')?.[1];
    const handler = id ? this.served.get(id) : undefined;
    if (!handler) return void res.writeHead(404).end();
    await sdk.toNodeHandler(handler)(req, res);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
