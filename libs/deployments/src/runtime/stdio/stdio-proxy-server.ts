import type { McpClient, McpLowLevelServer, ServerSdk } from '../../sdk/mcp-sdk';
import type { StdioSupervisor } from './stdio-supervisor';

/** Requests passed through unchanged when the stdio server declares the capability. */
const PASS_THROUGH = {
  resources: ['resources/list', 'resources/read', 'resources/templates/list'],
  prompts: ['prompts/list', 'prompts/get'],
} as const;

type AnyRequest = { method: string; params?: Record<string, unknown> };
type RawClient = { request(req: AnyRequest, opts: { timeout: number }): Promise<Record<string, unknown>> };

/**
 * The MCP server the runner exposes for one deployment: every request goes to one of its running
 * processes (round-robin), so the api sees one MCP endpoint whatever the replica count. A call
 * that finds no running process fails at once; the gateway maps that to 502.
 */
export function stdioProxyFactory(sdk: ServerSdk, supervisor: StdioSupervisor, callTimeoutMs: number, info: { name: string; version: string }): () => McpLowLevelServer {
  // Read once: every process runs the same server, and per-request reads would skew the round-robin.
  const upstreamCapabilities = supervisor.pick()?.getServerCapabilities() ?? {};
  return () => buildStdioProxyServer(sdk, supervisor, callTimeoutMs, info, upstreamCapabilities);
}

function buildStdioProxyServer(
  sdk: ServerSdk,
  supervisor: StdioSupervisor,
  callTimeoutMs: number,
  info: { name: string; version: string },
  upstreamCapabilities: object,
): McpLowLevelServer {
  const passed = Object.entries(PASS_THROUGH).filter(([capability]) => capability in upstreamCapabilities);
  const capabilities = Object.fromEntries([['tools', {}], ...passed.map(([capability]) => [capability, {}])]) as Record<string, object>;
  const pick = (): McpClient => {
    const client = supervisor.pick();
    if (!client) throw new sdk.ProtocolError(sdk.ProtocolErrorCode.InternalError, 'No process of this deployment is running (restarting)');
    return client;
  };
  const server = new sdk.Server(info, { capabilities });
  server.setRequestHandler('tools/list', (req) => pick().listTools(req.params, { timeout: callTimeoutMs }) as never);
  server.setRequestHandler('tools/call', (req) => pick().callTool(req.params, { timeout: callTimeoutMs }) as never);
  for (const [, methods] of passed) {
    for (const method of methods) {
      const handle = (req: AnyRequest) => (pick() as unknown as RawClient).request({ method, params: req.params }, { timeout: callTimeoutMs });
      (server as unknown as { setRequestHandler(m: string, h: (req: AnyRequest) => unknown): void }).setRequestHandler(method, handle);
    }
  }
  return server;
}
