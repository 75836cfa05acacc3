/**
 * Recognises errors that mean PostgreSQL (or another dependency reached over the network) cannot
 * be reached or refuses work right now, so the global filter answers 503 with Retry-After instead
 * of an opaque 500, and job runners retry without spending an attempt.
 */

/** Node's socket errors: nothing answered, or the connection broke. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** PostgreSQL SQLSTATEs of a server that is shutting down, starting up or out of connection slots. */
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const PG_CONNECTION_EXCEPTION_CLASS = '08';

/** node-postgres raises these without a code; its message is the only signal it gives. */
const PG_CONNECTION_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /connection error and is not queryable/];

/** Thrown by our own Redis-backed code when Redis cannot be reached or did not answer in time. */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: 'redis' | 'postgres',
    cause: unknown,
  ) {
    super(`${dependency} unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

type Inspectable = { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown };

export function isDependencyUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof DependencyUnavailableError) return true;
  const e = err as Inspectable;
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || PG_UNAVAILABLE_CODES.has(e.code)) return true;
    if (e.code.length === 5 && e.code.startsWith(PG_CONNECTION_EXCEPTION_CLASS)) return true;
  }
  if (typeof e.message === 'string' && PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  // TypeORM wraps the driver's error; Node's happy-eyeballs connect raises an AggregateError. The
  // `cause` chain is not followed: an HTTP client's (say, an LLM's) refused connection is not ours.
  const nested = [e.driverError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((inner) => isDependencyUnavailable(inner, depth + 1));
}
