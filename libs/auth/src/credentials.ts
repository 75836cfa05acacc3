import type { IncomingHttpHeaders } from 'node:http';

/** What a request presents to prove who it is; when both are present the bearer token wins. */
export interface Credentials {
  bearer?: string;
  apiKey?: string;
}

/**
 * The one reading of credentials from a request, for HTTP routes and realtime transports alike:
 * `Authorization: Bearer <token>` (scheme in any case) and `X-API-Key`. Browsers cannot set headers
 * on WebSocket or EventSource requests, so realtime transports pass the token they received in the
 * URL or the Socket.IO handshake as `token`, which takes precedence over the header.
 */
export function credentialsOf(headers: IncomingHttpHeaders, token?: unknown): Credentials {
  const header = headers.authorization;
  const fromHeader = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
  const bearer = (typeof token === 'string' && token) || fromHeader || undefined;
  const apiKey = headers['x-api-key'];
  return { bearer, apiKey: typeof apiKey === 'string' && apiKey ? apiKey : undefined };
}
