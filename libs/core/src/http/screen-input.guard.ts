import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Request } from 'express';
import { AppException } from '../errors/app-exception';
import { ValidationFailed } from '../errors/domain-errors';
import { findUnsafeText } from '../validation/unsafe-text';

const takesBodyCache = new WeakMap<object, boolean>();

/** Whether the handler declares a @Body() parameter (Nest keeps them as `<paramtype>:<index>` keys). */
function takesBody(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  let takes = takesBodyCache.get(handler);
  if (takes === undefined) {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
    takes = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
    takesBodyCache.set(handler, takes);
  }
  return takes;
}

const sentBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';

/**
 * Screens what every route receives, before pipes and handlers: a body our JSON parser did not
 * read is 415 on a route that takes one, and text PostgreSQL cannot store (NUL, lone surrogates)
 * is 422 with its `loc`, whether it came in the path, the query string or the body.
 *
 * A global guard registered by configureHttp, hence after the app's own global guards (authentication
 * and rate limits, registered when the app is created), rather than an interceptor: a single global
 * interceptor puts every request through Nest's rxjs interceptor chain.
 */
@Injectable()
export class ScreenInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (req.body === undefined && sentBody(req) && takesBody(context)) {
      throw new AppException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Type: send the body as application/json');
    }
    const issue = findUnsafeText(req.params, ['path']) ?? findUnsafeText(req.query, ['query']) ?? findUnsafeText(req.body, ['body']);
    if (issue) throw ValidationFailed([issue]);
    return true;
  }
}
