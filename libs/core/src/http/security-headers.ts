import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/** Swagger UI and ReDoc are served from this origin; ReDoc injects styles and runs its search in a blob: worker. */
const CONTENT_SECURITY_POLICY = {
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

const DOCS = /^\/api\/(docs|redoc)(\/|$)/;
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers on every response: helmet (nosniff, frame denial, CSP, Referrer-Policy: no-referrer),
 * HSTS only when the request reached us over HTTPS (directly, or via a proxy trusted by
 * TRUST_PROXY), and `Cache-Control: no-store` on everything but the docs, since most responses carry
 * tokens or a principal's data. CORS answers only the origins listed in CORS_ORIGINS.
 */
export function configureSecurityHeaders(express: NestExpressApplication, config: AppConfig): void {
  express.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, frameguard: { action: 'deny' }, strictTransportSecurity: false }));
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    if (!DOCS.test(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  express.enableCors({
    origin: (origin, callback) => callback(null, origin !== undefined && config.corsOrigins.includes(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'X-API-Key', 'X-Request-Id', 'If-Match', 'Idempotency-Key'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
}
