import type { CallToolResult } from '@modelcontextprotocol/client';
import type { McpLowLevelServer, ServerSdk } from '../../sdk/mcp-sdk';
import type { UpstreamFetch } from '../../upstream/safe-fetch';
import { toToolResult } from './rest-answer';
import { buildRestRequest } from './rest-request';
import type { RestTool } from './rest-tools';

export interface RestBridgeOptions {
  /** The SSRF-guarded fetch with the response size cap. */
  fetch: UpstreamFetch;
  /** A bound on each API request; the gateway's own call timeout answers the caller first. */
  requestTimeoutMs: number;
}

/**
 * What the gateway's MCP client reads from an error: our failures keep the name the gateway maps
 * (ResponseTooLargeError, a refused address) and an error_code for the API being unreachable.
 */
function toProtocolError(sdk: ServerSdk, err: unknown): Error {
  const e = err as Error;
  const refused = /is not allowed\. Because/.test(e.message ?? '');
  const data = refused || e.name === 'ResponseTooLargeError' ? undefined : { error_code: 'UPSTREAM_UNAVAILABLE' };
  const cause = (e.cause as Error | undefined)?.message;
  return new sdk.ProtocolError(sdk.ProtocolErrorCode.InternalError, `${e.name}: ${e.message}${cause ? ` (${cause})` : ''}`, data);
}

async function callApi(tool: RestTool, args: Record<string, unknown>, options: RestBridgeOptions): Promise<CallToolResult> {
  const { url, init } = buildRestRequest(tool, args);
  const response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.requestTimeoutMs) });
  return toToolResult(response);
}

/** An MCP server (low-level SDK `Server`) whose tools are the REST API's operations. */
export function restBridgeServer(sdk: ServerSdk, name: string, tools: RestTool[], options: RestBridgeOptions): McpLowLevelServer {
  const byName = new Map(tools.map((t) => [t.tool.name, t]));
  const server = new sdk.Server({ name, version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', () => ({ tools: tools.map((t) => t.tool) as never }));
  server.setRequestHandler('tools/call', async (request) => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new sdk.ProtocolError(sdk.ProtocolErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    return callApi(tool, request.params.arguments ?? {}, options).catch((err: unknown) => {
      throw toProtocolError(sdk, err);
    }) as never;
  });
  return server;
}
