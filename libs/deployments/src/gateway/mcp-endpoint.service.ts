import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig, AppException, NotFound } from '@app/core';
import type { AuthUser } from '@app/auth';
import type { ServerCapabilities } from '@modelcontextprotocol/client';
import type { ResolvedDeployment } from './deployment-resolver';
import { GatewayService } from './gateway.service';
import { clientSdk, type McpLowLevelServer, serverSdk, type ServerSdk } from '../sdk/mcp-sdk';
import { UpstreamRpcError } from '../upstream/upstream-errors';
import { McpSessionTokens } from './mcp-session-token';
import { parsedWebRequest } from './parsed-web-request';
import { sendWebResponse } from './send-web-response';

const SESSION_HEADER = 'mcp-session-id';

/** What serves one resolved deployment's MCP endpoint, built once and dropped with it. */
interface DeploymentEndpoint {
  /** A fresh server for one exchange: the SDK binds a server to a single transport. */
  server: () => McpLowLevelServer;
  /** 2026-07-28 requests, and the modern path's own rejections (unsupported revision, header mismatch). */
  modern: ReturnType<ServerSdk['createMcpHandler']>;
  close(): Promise<void>;
}

type Handler = (request: { params?: Record<string, unknown> }) => Promise<unknown>;

/** Upstream features the gateway forwards as they are, when the upstream advertises them. */
const PASSED_THROUGH = [
  { capability: 'resources', methods: ['resources/list', 'resources/read', 'resources/templates/list'] },
  { capability: 'prompts', methods: ['prompts/list', 'prompts/get'] },
] as const;

/**
 * Gateway failures inside MCP: bad arguments are tool errors the model can read; an upstream's own
 * JSON-RPC error goes to the client as the upstream sent it; the rest are JSON-RPC errors of ours.
 */
function toMcpFailure({ ProtocolError, ProtocolErrorCode }: ServerSdk, err: unknown) {
  if (err instanceof UpstreamRpcError) throw new ProtocolError(err.rpc.code, err.rpc.message, err.rpc.data);
  if (!(err instanceof AppException)) throw err;
  if (err.errorCode === 'VALIDATION_ERROR') {
    return { content: [{ type: 'text' as const, text: `Invalid arguments: ${JSON.stringify(err.detail)}` }], isError: true };
  }
  if (err.errorCode === 'NOT_FOUND') throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${String(err.extra.resource_id)}`);
  throw new ProtocolError(ProtocolErrorCode.InternalError, String(err.detail), { error_code: err.errorCode });
}

/** The deployment's endpoint when one is built: taken without an await on the per-request path. */
function builtEndpoint(resolved: ResolvedDeployment): DeploymentEndpoint | undefined {
  return resolved.attachments.get('mcp') as DeploymentEndpoint | undefined;
}

function isInitialize(body: unknown): body is { method: 'initialize'; params?: { protocolVersion?: string } } {
  return (body as { method?: unknown } | undefined)?.method === 'initialize';
}

/**
 * `/mcp/{slug}/v1` as an MCP Streamable HTTP server, both spec revisions, on the SDK's building
 * blocks routed with its own `isLegacyRequest`:
 * - 2026-07-28 requests go to `createMcpHandler(..., { legacy: 'reject' })`, stateless by design;
 *   its default response mode answers with one JSON body, since nothing here emits a message
 *   before the result (the gateway does not forward an upstream's progress).
 * - 2025-11-25 requests are served statelessly by a `WebStandardStreamableHTTPServerTransport` with
 *   `enableJsonResponse` (one `application/json` body rather than an SSE stream, which the spec
 *   lets the server choose), with a signed `Mcp-Session-Id` (see McpSessionTokens) so clients that
 *   expect a session get one that every replica accepts.
 * The server answers `tools/list` from the deployment's stored tool list and forwards `tools/call`
 * through the gateway's one path; the upstream's resources and prompts, when it has them, pass
 * through unchanged, errors included.
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
    const sdk = serverSdk.loaded() ?? (await serverSdk());
    const endpoint = builtEndpoint(resolved) ?? (await this.buildEndpoint(sdk, resolved));
    // No abort signal: a JSON answer has nothing to stop (the upstream call runs to its end either
    // way), and a stream the client leaves is cancelled by sendWebResponse.
    const body: unknown = req.body;
    const request = body === undefined ? await sdk.toWebRequest(req) : parsedWebRequest(req);
    if (await sdk.isLegacyRequest(request, body)) await this.serveLegacy(sdk, endpoint, request, body, { d: resolved.deployment.id, u: user.id }, res);
    else await sendWebResponse(await endpoint.modern.fetch(request, { parsedBody: body }), res);
  }

  /** One 2025-11-25 request on a fresh server and stateless transport, written to `res` as JSON; an `initialize` answer carries a session id. */
  private async serveLegacy(sdk: ServerSdk, endpoint: DeploymentEndpoint, request: globalThis.Request, body: unknown, owner: { d: string; u: string }, res: Response): Promise<void> {
    const server = endpoint.server();
    const transport = new sdk.WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      const answer = await transport.handleRequest(request, { parsedBody: body });
      // The SDK builds its Response with mutable headers: no copy needed to add one.
      if (isInitialize(body) && answer.ok) answer.headers.set(SESSION_HEADER, this.sessions.issue({ ...owner, v: body.params?.protocolVersion ?? '' }));
      await sendWebResponse(answer, res);
    } finally {
      // A JSON answer is complete when it resolves, so the server (and with it its transport) is
      // closed once the answer has been written: closing runs synchronously, building the
      // ConnectionClosed error it settles leftovers with, and would otherwise delay the answer.
      void server.close().catch(() => undefined);
    }
  }

  /**
   * One endpoint per resolved deployment, closed when the deployment changes. It serves what the
   * upstream advertises besides tools (resources, prompts); while the upstream cannot be asked, a
   * tools-only endpoint answers this request and the next one asks again.
   */
  private async buildEndpoint(sdk: ServerSdk, resolved: ResolvedDeployment): Promise<DeploymentEndpoint> {
    const upstream = await this.gateway.upstreamCapabilities(resolved).catch(() => undefined);
    const raced = builtEndpoint(resolved);
    if (raced) return raced;
    const server = this.serverFactory(sdk, resolved, upstream ?? {});
    const modern = sdk.createMcpHandler(server, {
      legacy: 'reject',
      onerror: (err) => this.logger.debug(`mcp ${resolved.deployment.slug}: ${err.message}`),
    });
    const endpoint: DeploymentEndpoint = { server, modern, close: () => modern.close() };
    if (upstream) resolved.attachments.set('mcp', endpoint);
    return endpoint;
  }

  /** The capabilities and handlers are built once; each exchange only gets a new Server around them. */
  private serverFactory(sdk: ServerSdk, resolved: ResolvedDeployment, upstream: ServerCapabilities): () => McpLowLevelServer {
    const { deployment } = resolved;
    const info = { name: deployment.slug, version: deployment.toolVersion };
    const passed = PASSED_THROUGH.filter(({ capability }) => upstream[capability]);
    const capabilities = Object.fromEntries([['tools', {}], ...passed.map(({ capability }) => [capability, {}])]);
    const handlers: [string, Handler][] = [
      ['tools/list', async () => ({ tools: this.gateway.listTools(resolved) })],
      [
        'tools/call',
        async ({ params }) =>
          this.gateway.callTool(resolved, String(params?.name), (params?.arguments ?? {}) as Record<string, unknown>).catch((err: unknown) => toMcpFailure(sdk, err)),
      ],
      ...passed.flatMap(({ methods }) =>
        methods.map((method): [string, Handler] => [method, async ({ params }) => this.gateway.passThrough(resolved, method, params).catch((err: unknown) => toMcpFailure(sdk, err))]),
      ),
    ];
    return () => {
      const server = new sdk.Server(info, { capabilities });
      for (const [method, handler] of handlers) server.setRequestHandler(method as 'tools/list', handler as never);
      return server;
    };
  }
}
