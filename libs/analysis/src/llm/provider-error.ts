/**
 * A provider answered 429 or 5xx, timed out or could not be reached: the attempt fails and the job
 * queue retries it, after `retryAfterMs` when the provider said (Retry-After), with backoff otherwise.
 * The message names the provider and status only: vendor messages can echo keys or prompt text.
 */
export class ProviderUnavailable extends Error {
  constructor(
    provider: string,
    reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${provider} is unavailable (${reason})${retryAfterMs !== undefined ? `; retrying after ${retryAfterMs} ms` : ''}`);
  }
}

/** A provider refused the request for good (401, 400...): retrying will not help, but nothing of its text is repeated. */
export class ProviderRejected extends Error {
  constructor(provider: string, status: number) {
    super(`${provider} rejected the request (HTTP ${status})`);
  }
}

const RETRY_AFTER_CAP_MS = 10 * 60_000;

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), in ms, capped. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, Math.round(ms)), RETRY_AFTER_CAP_MS) : undefined;
}

/** The HTTP status an SDK error carries (OpenAI/Anthropic `status`, Ollama `status_code`). */
function statusOf(err: Record<string, unknown>): number | undefined {
  const status = err.status ?? err.status_code ?? (err.response as Record<string, unknown> | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Maps what a model call threw onto the errors the queue understands; anything else is rethrown as
 * is. `retryAfter` is the header as the call's own fetch saw it, for SDKs whose errors drop headers.
 */
export function providerError(err: unknown, provider: string, retryAfter?: string): Error {
  if (!err || typeof err !== 'object') return new ProviderUnavailable(provider, 'unknown error');
  const record = err as Record<string, unknown>;
  const status = statusOf(record);
  if (status === 429 || status === 408 || (status !== undefined && status >= 500)) {
    return new ProviderUnavailable(provider, `HTTP ${status}`, retryAfterMs(headerOf(record.headers, 'retry-after') ?? retryAfter));
  }
  if (status !== undefined && status >= 400) return new ProviderRejected(provider, status);
  // SDK connection errors (APIConnectionError, ...) and Node's `fetch failed` (ECONNREFUSED, ...).
  const name = String(record.name ?? '');
  const code = String((record.cause as Record<string, unknown> | undefined)?.code ?? record.code ?? '');
  if (/Connection|Timeout/.test(name) || record.message === 'fetch failed' || /^E[A-Z]+$/.test(code)) {
    return new ProviderUnavailable(provider, /^E[A-Z]+$/.test(code) ? code : 'connection failed');
  }
  return err as Error;
}
