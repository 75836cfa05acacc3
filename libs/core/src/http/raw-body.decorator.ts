import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const RAW_BODY = 'http:raw-body';

export interface RawBodyOptions {
  /** Largest accepted body, in body-parser notation (`'25mb'`); larger bodies get 413. */
  limit: string;
}

/**
 * The route receives its body as the exact bytes sent (any content type), with its own size
 * limit instead of BODY_LIMIT, e.g. to check a signature over them. Other routes are unchanged.
 */
export const RawBody = (options: RawBodyOptions) => SetMetadata(RAW_BODY, options);

/** The raw bytes of a @RawBody route's request (empty when the request had no body). */
export const RawBodyBytes = createParamDecorator((_data: unknown, ctx: ExecutionContext): Buffer => {
  return ctx.switchToHttp().getRequest<{ rawBody?: Buffer }>().rawBody ?? Buffer.alloc(0);
});
