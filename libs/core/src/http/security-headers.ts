import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../config/app-config';

/** Swagger UI and ReDoc are served from this origin; ReDoc injects styles and runs its search in a blob: worker. */
const CONTENT_SECURITY_POLICY: HelmetOptions['contentSecurityPolicy'] = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    workerSrc: ["'self'", 'blob:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const HELMET: HelmetOptions = { contentSecurityPolicy: CONTENT_SECURITY_POLICY, frameguard: { action: 'deny' }, strictTransportSecurity: false };
const DOCS = /^\/api\/(docs|redoc)(\/|$)/;
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The headers helmet sets with these options, recorded once at start: none of them depends on the
 * request, and replaying the list costs a fraction of helmet's per-request chain of a dozen middlewares.
 */
function recordHelmetHeaders(options: HelmetOptions): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => undefined };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

/**
 * `req.secure` without its cost where it cannot differ: express asks the trust-proxy function about
 * the peer address (parsing it) on every read, only to fall back to the socket when no
 * X-Forwarded-Proto came, which is the case for every request that did not pass a proxy.
 */
const cameOverHttps = (req: Request): boolean =>
  req.headers['x-forwarded-proto'] === undefined ? (req.socket as Partial<TLSSocket>).encrypted === true : req.secure;

/**
 * Headers on every response: helmet (nosniff, frame denial, CSP, Referrer-Policy: no-referrer),
 * HSTS only when the request reached us over HTTPS (directly, or via a proxy trusted by
 * TRUST_PROXY), and `Cache-Control: no-store` on everything but the docs, since most responses carry
 * tokens or a principal's data. Call it as the request arrives.
 */
export function securityHeaders(): (req: Request, res: Response) => void {
  const helmetHeaders = recordHelmetHeaders(HELMET);
  return (req, res) => {
    for (const [name, value] of helmetHeaders) res.setHeader(name, value);
    if (cameOverHttps(req)) res.setHeader('Strict-Transport-Security', HSTS);
    if (!DOCS.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  };
}

/**
 * CORS answers only the origins listed in CORS_ORIGINS. A request without an Origin header gets no
 * CORS header from the cors middleware (our origin callback refuses `undefined`), preflight or not,
 * so it goes straight on without the middleware's per-request options copy and callbacks.
 */
export function corsMiddleware(config: AppConfig): RequestHandler {
  const handle = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && config.corsOrigins.includes(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'X-API-Key', 'X-Request-Id', 'If-Match', 'Idempotency-Key'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  return (req: Request, res: Response, next: NextFunction) => (req.headers.origin === undefined ? next() : handle(req, res, next));
}
