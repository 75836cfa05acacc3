import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import { routeTemplate } from '../http/route-template';

const labelNames = ['method', 'route', 'status'];

/*
 * Registered in prom-client's default registry (the one /metrics serves) when this module loads,
 * like platform-metrics.ts, so the middleware is a plain function: no Nest middleware proxy per request.
 */
const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by method, route template and status', labelNames });
const duration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds by method, route template and status',
  labelNames,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/**
 * Labels by the matched route template (`/api/v1/mcps/:id`), never the raw URL: raw ids would
 * create one time series per resource. Mounted after the body parsers, so what they refuse is not counted.
 */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const started = performance.now();
  res.on('finish', () => {
    // Unknown URLs share one label.
    const labels = { method: req.method, route: routeTemplate(req) ?? 'unmatched', status: String(res.statusCode) };
    requests.inc(labels);
    duration.observe(labels, (performance.now() - started) / 1000);
  });
  next();
}
