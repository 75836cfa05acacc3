import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The abort signal of the model call in progress. LangChain's Ollama model stops reading a stream
 * on abort but does not hand the signal to its HTTP request, so a slow reply would keep its
 * connection; its `fetch` takes the signal from here instead.
 */
const current = new AsyncLocalStorage<AbortSignal>();

export function withCallSignal<R>(signal: AbortSignal, call: () => Promise<R>): Promise<R> {
  return current.run(signal, call);
}

export const signalledFetch: typeof fetch = (input, init) => {
  const signal = current.getStore();
  const signals = [init?.signal, signal].filter((s): s is AbortSignal => !!s);
  return fetch(input, { ...init, signal: signals.length ? AbortSignal.any(signals) : undefined });
};
