import type { Request } from 'express';

/**
 * The web `Request` the SDK's entry points take, for a request whose JSON body express has already
 * parsed: method, URL and headers, built as the SDK's `toWebRequest` builds them, but with no body.
 * `toWebRequest(req, body)` serializes the parsed body again into a body stream that nothing reads:
 * given the parsed body (`parsedBody`), `isLegacyRequest`, the transport's `handleRequest` and
 * `createMcpHandler`'s `fetch` take the message from it and never touch the request's own body.
 */
export function parsedWebRequest(req: Request): globalThis.Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new globalThis.Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { method: req.method, headers });
}
