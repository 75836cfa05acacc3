import type {} from './request-id.types';
import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER, requestContext, resolveRequestId } from './request-id';

/** Accepts X-Request-Id or makes one, echoes it, and makes it visible to everything the request runs. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = resolveRequestId(req.headers[REQUEST_ID_HEADER]);
  req.id = id;
  res.setHeader('X-Request-Id', id);
  requestContext.run(id, next);
}
