import type {} from '../http/request-id.types';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { routeTemplate } from '../http/route-template';

const QUIET_PATHS = new Set(['/health', '/health/live', '/metrics']);

/**
 * One line per request when it ends: method, route template, status, duration and request id.
 * Never headers, bodies or query strings (they may carry tokens).
 */
export function requestLogMiddleware(logger: Logger) {
  const log = logger.child({ context: 'HTTP' });
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      if (QUIET_PATHS.has(path)) return;
      const status = res.statusCode;
      const entry = {
        request_id: req.id,
        method: req.method,
        route: routeTemplate(req) ?? path,
        status,
        duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      };
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      log[level](entry, `${req.method} ${entry.route} ${status} ${entry.duration_ms} ms`);
    });
    next();
  };
}
