import { AppException } from '@app/core';

export const TooManyConcurrentCalls = (limit: number) =>
  new AppException(
    429,
    'RATE_LIMIT_EXCEEDED',
    `Too many concurrent calls to this deployment (limit ${limit}). Please try again later.`,
    { retry_after: 1, limit },
    { 'Retry-After': '1' },
  );

/** Concurrent calls per deployment in this process; beyond the limit a call is refused, not queued. */
export class CallLimiter {
  private readonly active = new Map<string, number>();

  async run<T>(deploymentId: string, limit: number, fn: () => Promise<T>): Promise<T> {
    const current = this.active.get(deploymentId) ?? 0;
    if (current >= limit) throw TooManyConcurrentCalls(limit);
    this.active.set(deploymentId, current + 1);
    try {
      return await fn();
    } finally {
      const left = (this.active.get(deploymentId) ?? 1) - 1;
      if (left > 0) this.active.set(deploymentId, left);
      else this.active.delete(deploymentId);
    }
  }
}
