import { AppException } from '@app/core';

/** The upstream could not be reached or answered with something that is not MCP. */
export const UpstreamUnavailable = (detail = 'The upstream MCP server is unreachable') =>
  new AppException(502, 'UPSTREAM_UNAVAILABLE', detail);

export const UpstreamTimeout = (timeoutMs: number) =>
  new AppException(504, 'UPSTREAM_TIMEOUT', `The upstream MCP server did not answer within ${timeoutMs} ms`, { timeout_ms: timeoutMs });

export const ToolError = (detail: string, extra: Record<string, unknown> = {}) => new AppException(502, 'TOOL_ERROR', detail, extra);

/** A JSON-RPC error as the upstream answered it. */
export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * The upstream answered a request with a JSON-RPC error (unknown resource, invalid params, ...):
 * a TOOL_ERROR for REST callers, while the MCP endpoint hands the error itself (code, message,
 * data) to its client, as the upstream would have.
 */
export class UpstreamRpcError extends AppException {
  constructor(readonly rpc: JsonRpcError) {
    super(502, 'TOOL_ERROR', rpc.message);
  }
}

/** Thrown inside the response stream when an upstream answer exceeds GATEWAY_MAX_RESPONSE_BYTES. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The upstream response exceeds ${limitBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

export const ResponseTooLarge = (limitBytes: number) =>
  new AppException(502, 'UPSTREAM_RESPONSE_TOO_LARGE', `The upstream response exceeds the limit of ${limitBytes} bytes`, {
    limit_bytes: limitBytes,
  });

/** A connection refused because the address it resolved to is not public (request-filtering-agent). */
export function isRefusedAddress(err: unknown): boolean {
  for (let e = err as { message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.message === 'string' && /is not allowed\. Because/.test(e.message)) return true;
  }
  return false;
}
