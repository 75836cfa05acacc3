/**
 * The analysis and knowledge queues' backoff: an error that says when to come back (a provider's
 * 429/503 with `Retry-After`, carried as `retryAfterMs`) is retried then; anything else backs off
 * exponentially from the queue's base delay, like Bull's built-in `exponential`.
 */
export const RETRY_BACKOFF = 'retry-after-or-exponential';

export interface RetryAfterHint {
  retryAfterMs?: number;
}

/** Bull custom backoff strategy: (attemptsMade, error, options) → delay in ms. */
export function retryBackoff(attemptsMade: number, err: unknown, options: { delay?: number } | null): number {
  const hint = (err as RetryAfterHint | undefined)?.retryAfterMs;
  if (typeof hint === 'number' && Number.isFinite(hint) && hint >= 0) return Math.round(hint);
  return Math.round((2 ** attemptsMade - 1) * (options?.delay ?? 1000));
}
