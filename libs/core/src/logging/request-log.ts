import type {} from '../http/request-id.types';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { routeTemplate } from '../http/route-template';

const QUIET_PATHS = new Set(['/health', '/health/live', '/metrics']);

/**
 * One line per request when it ends: method, route template, status, duration and request id.
 * Never headers, bodies or query strings (they may carry tokens). Call it as the request arrives.
 */
export function requestLog(logger: Logger): (req: Request, res: Response) => void {
  const log = logger.child({ context: 'HTTP' });
  return (req, res) => {
    const started = performance.now();
    res.on('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      // A line below LOG_LEVEL (say, 2xx under LOG_LEVEL=warn) costs nothing to leave out.
      if (!log.isLevelEnabled(level)) return;
      const path = req.originalUrl.split('?')[0];
      if (QUIET_PATHS.has(path)) return;
      const entry = {
        request_id: req.id,
        method: req.method,
        route: routeTemplate(req) ?? path,
        status,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
      };
      log[level](entry, `${req.method} ${entry.route} ${status} ${entry.duration_ms} ms`);
    });
  };
}
