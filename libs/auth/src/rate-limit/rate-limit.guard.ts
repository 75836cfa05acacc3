import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimited, rateLimitRejections } from '@app/core';

/** @nestjs/throttler's guard answering in the contract's 429 shape with `retry_after`. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  /** The 429 carries the standard `Retry-After`; the throttler's per-name `Retry-After-<name>` twins are internals. */
  protected override setResponseHeader(response: Record<string, unknown>, name: string, value: string | number): void {
    if (!name.startsWith('Retry-After')) super.setResponseHeader(response, name, value);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    rateLimitRejections.inc({ limit: 'requests' });
    throw RateLimited(Math.max(1, detail.timeToBlockExpire));
  }
}
