import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** What a test upstream saw of one MCP request over HTTP, and how it answered it. */
export interface Exchange {
  /** The `Mcp-Method` header (sent from 2026-07-28 on), else the JSON-RPC method when the fixture read the body. */
  method?: string;
  /** The `MCP-Protocol-Version` header: the revision the client spoke (absent on a 2025 `initialize`). */
  protocolVersion?: string;
  status: number;
  /** How the answer came: `application/json` or `text/event-stream` (an SSE stream). */
  contentType?: string;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function contentTypeIn(headers: unknown): string | undefined {
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return undefined;
  const entry = Object.entries(headers as OutgoingHttpHeaders).find(([name]) => name.toLowerCase() === 'content-type');
  return entry ? String(entry[1]) : undefined;
}

/**
 * Records `req` into `exchanges` once it is answered. The SDK handlers pass their headers to
 * `writeHead` (where `getHeader` cannot see them), so the content type is taken there.
 */
export function recordExchange(req: IncomingMessage, res: ServerResponse, exchanges: Exchange[], method?: string): void {
  let contentType: string | undefined;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    contentType = args.map(contentTypeIn).find((type) => type !== undefined);
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
  res.once('finish', () =>
    exchanges.push({
      method: header(req, 'mcp-method') ?? method,
      protocolVersion: header(req, 'mcp-protocol-version'),
      status: res.statusCode,
      contentType: contentType ?? (res.getHeader('content-type') as string | undefined),
    }),
  );
}
