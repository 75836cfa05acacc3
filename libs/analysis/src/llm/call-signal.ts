import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One model call's HTTP context. LangChain's Ollama model stops reading a stream on abort but does
 * not hand the signal to its HTTP request, and its errors carry the status but not the headers, so
 * its `fetch` takes the signal from here and leaves a refusal's Retry-After here.
 */
export class CallScope {
  /** The Retry-After of the last unsuccessful HTTP answer within the call, if it named one. */
  retryAfter?: string;

  constructor(readonly signal: AbortSignal) {}

  run<R>(call: () => Promise<R>): Promise<R> {
    return current.run(this, call);
  }
}

const current = new AsyncLocalStorage<CallScope>();

export const signalledFetch: typeof fetch = async (input, init) => {
  const scope = current.getStore();
  const signals = [init?.signal, scope?.signal].filter((s): s is AbortSignal => !!s);
  const response = await fetch(input, { ...init, signal: signals.length ? AbortSignal.any(signals) : undefined });
  if (scope && !response.ok) scope.retryAfter = response.headers.get('retry-after') ?? undefined;
  return response;
};
