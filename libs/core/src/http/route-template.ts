import type { Request } from 'express';

/**
 * The matched route template (`/api/v1/mcps/:id`), or undefined for URLs that matched no route
 * (they end in Nest's catch-all). Logs and metrics use it instead of raw URLs, which carry ids.
 */
export function routeTemplate(req: Request): string | undefined {
  const routePath = (req as Request & { route?: { path?: unknown } }).route?.path;
  return typeof routePath === 'string' && !routePath.includes('*') ? `${req.baseUrl ?? ''}${routePath}` : undefined;
}
