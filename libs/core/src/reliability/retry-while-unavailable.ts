import { isDependencyUnavailable } from '../errors/dependency-unavailable';

export interface UnavailableRetryOptions {
  /** Stop retrying (and throw the last error) once this much time has passed. */
  windowMs: number;
  /** Called before each wait, for a log line. */
  onRetry?: (err: Error, delayMs: number) => void;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;

/**
 * Runs `fn` again, with capped exponential backoff, while it fails because PostgreSQL or Redis is
 * unreachable: an outage is not the work's fault, so it must not spend one of the job's attempts.
 * Any other error, or an outage longer than the window, is thrown to the caller.
 */
export async function retryWhileUnavailable<T>(fn: () => Promise<T>, options: UnavailableRetryOptions): Promise<T> {
  const deadline = Date.now() + options.windowMs;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(MAX_DELAY_MS, delay * 2)) {
    try {
      return await fn();
    } catch (err) {
      if (!isDependencyUnavailable(err) || Date.now() + delay > deadline) throw err;
      options.onRetry?.(err as Error, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
