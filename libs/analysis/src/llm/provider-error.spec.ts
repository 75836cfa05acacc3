import { providerError, ProviderRejected, ProviderUnavailable, retryAfterMs } from './provider-error';

const sdkError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error('Incorrect API key provided: sk-live-123'), { status, headers: new Headers(headers) });

describe('provider errors', () => {
  it('reads Retry-After as seconds or as an HTTP date, capped at ten minutes', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(retryAfterMs('86400')).toBe(600_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('makes 429 and 5xx retryable, carrying the wait the provider asked for', () => {
    const limited = providerError(sdkError(429, { 'retry-after': '3' }), 'openai');
    expect(limited).toBeInstanceOf(ProviderUnavailable);
    expect(limited).toMatchObject({ retryAfterMs: 3000 });
    expect(providerError(Object.assign(new Error('x'), { status_code: 503 }), 'ollama')).toBeInstanceOf(ProviderUnavailable);
    // Ollama's errors carry no headers: the call's fetch saw the Retry-After.
    expect(providerError(Object.assign(new Error('x'), { status_code: 429 }), 'ollama', '4')).toMatchObject({ retryAfterMs: 4000 });
  });

  it('refuses other 4xx for good, and never repeats the vendor message', () => {
    const refused = providerError(sdkError(401), 'openai');
    expect(refused).toBeInstanceOf(ProviderRejected);
    expect(refused.message).toBe('openai rejected the request (HTTP 401)');
  });

  it('treats unreachable providers as unavailable and leaves other errors alone', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(providerError(refused, 'ollama').message).toContain('ECONNREFUSED');
    const bug = new RangeError('bug');
    expect(providerError(bug, 'openai')).toBe(bug);
  });
});
