import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig, AppException, NotFound } from '@app/core';
import type { AuthUser } from '@app/auth';
import type { ServerCapabilities } from '@modelcontextprotocol/client';
import type { ResolvedDeployment } from './deployment-resolver';
import { GatewayService } from './gateway.service';
import { clientSdk, type McpLowLevelServer, serverSdk, type ServerSdk } from '../sdk/mcp-sdk';
import { McpSessionTokens } from './mcp-session-token';

const SESSION_HEADER = 'mcp-session-id';

type McpHttpHandler = ReturnType<ServerSdk['createMcpHandler']>;

/** Upstream features the gateway forwards as they are, when the upstream advertises them. */
const PASSED_THROUGH = [
  { capability: 'resources', methods: ['resources/list', 'resources/read', 'resources/templates/list'] },
  { capability: 'prompts', methods: ['prompts/list', 'prompts/get'] },
] as const;

/** Gateway failures inside MCP: bad arguments are tool errors the model can read; the rest are JSON-RPC errors. */
function toMcpFailure({ ProtocolError, ProtocolErrorCode }: ServerSdk, err: unknown) {
  if (!(err instanceof AppException)) throw err;
  if (err.errorCode === 'VALIDATION_ERROR') {
    return { content: [{ type: 'text' as const, text: `Invalid arguments: ${JSON.stringify(err.detail)}` }], isError: true };
  }
  if (err.errorCode === 'NOT_FOUND') throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${String(err.extra.resource_id)}`);
  throw new ProtocolError(ProtocolErrorCode.InternalError, String(err.detail), { error_code: err.errorCode });
}

/**
 * `/mcp/{slug}/v1` as an MCP Streamable HTTP server, both spec revisions, through the SDK's
 * `createMcpHandler`: 2026-07-28 requests are stateless by design; 2025-11-25 requests are served
 * by its stateless legacy leg, with a signed `Mcp-Session-Id` (see McpSessionTokens) so clients that
 * expect a session get one that every replica accepts. The per-request server answers `tools/list`
 * from the deployment's stored tool list and forwards `tools/call` through the gateway's one path;
 * the upstream's resources and prompts, when it has them, pass through unchanged.
 */
@Injectable()
export class McpEndpoint {
  private readonly logger = new Logger(McpEndpoint.name);
  private readonly sessions: McpSessionTokens;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly gateway: GatewayService,
  ) {
    this.sessions = new McpSessionTokens(config.jwtSecret);
    // Warmed in the background once the api is up, so the first gateway call does not pay for it.
    setTimeout(() => void Promise.all([serverSdk(), clientSdk()]), 1_000).unref();
  }

  async handle(slug: string, user: AuthUser, req: Request, res: Response): Promise<void> {
    const resolved = await this.gateway.running(slug);
    const session = req.headers[SESSION_HEADER];
    if (typeof session === 'string') {
      if (!this.sessions.verify(session, resolved.deployment.id, user.id)) throw NotFound('mcp_session', 'Mcp-Session-Id');
      // Verified here; the stateless legacy leg below keeps nothing per session.
      delete req.headers[SESSION_HEADER];
    }
    const body = req.body as { method?: string; params?: { protocolVersion?: string } } | undefined;
    const initialize = req.method === 'POST' && body?.method === 'initialize';
    const sdk = await serverSdk();
    const handler = await this.handlerFor(sdk, resolved);
    const withSession = {
      fetch: async (request: globalThis.Request, options?: { parsedBody?: unknown }) => {
        const response = await handler.fetch(request, options);
        if (!initialize || !response.ok) return response;
        const headers = new Headers(response.headers);
        const token = this.sessions.issue({ d: resolved.deployment.id, u: user.id, v: body?.params?.protocolVersion ?? '' });
        headers.set(SESSION_HEADER, token);
        return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
      },
    };
    await sdk.toNodeHandler(withSession)(req, res, req.method === 'POST' ? req.body : undefined);
  }

  /**
   * One SDK handler per resolved deployment, closed when the deployment changes. It serves what the
   * upstream advertises besides tools (resources, prompts); while the upstream cannot be asked, a
   * tools-only handler answers this request and the next one asks again.
   */
  private async handlerFor(sdk: ServerSdk, resolved: ResolvedDeployment): Promise<McpHttpHandler> {
    const existing = resolved.attachments.get('mcp') as McpHttpHandler | undefined;
    if (existing) return existing;
    const upstream = await this.gateway.upstreamCapabilities(resolved).catch(() => undefined);
    const raced = resolved.attachments.get('mcp') as McpHttpHandler | undefined;
    if (raced) return raced;
    const handler = sdk.createMcpHandler(() => this.buildServer(sdk, resolved, upstream ?? {}), {
      legacy: 'stateless',
      onerror: (err) => this.logger.debug(`mcp ${resolved.deployment.slug}: ${err.message}`),
    });
    if (upstream) resolved.attachments.set('mcp', handler);
    return handler;
  }

  private buildServer(sdk: ServerSdk, resolved: ResolvedDeployment, upstream: ServerCapabilities): McpLowLevelServer {
    const { deployment } = resolved;
    const passed = PASSED_THROUGH.filter(({ capability }) => upstream[capability]);
    const capabilities = Object.fromEntries([['tools', {}], ...passed.map(({ capability }) => [capability, {}])]);
    const server = new sdk.Server({ name: deployment.slug, version: deployment.toolVersion }, { capabilities });
    server.setRequestHandler('tools/list', () => ({ tools: this.gateway.listTools(resolved) as never }));
    server.setRequestHandler('tools/call', async (request) =>
      this.gateway.callTool(resolved, request.params.name, request.params.arguments ?? {}).catch((err: unknown) => toMcpFailure(sdk, err)) as never,
    );
    for (const { methods } of passed) {
      for (const method of methods) {
        server.setRequestHandler(method, async (request: { params?: Record<string, unknown> }) =>
          this.gateway.passThrough(resolved, method, request.params).catch((err: unknown) => toMcpFailure(sdk, err)) as never,
        );
      }
    }
    return server;
  }
}
