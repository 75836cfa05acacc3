import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { percentile } from './load';

export const CONCURRENCY = 16;

/**
 * The bench's SDK clients run on Node's global fetch, whose undici adds an abort listener to the
 * transport's one AbortSignal per request and removes it only when the request is collected: under
 * load the count passes the 1500 undici itself sets on that signal (so `events.setMaxListeners`
 * cannot raise it), and hundreds of MaxListenersExceededWarning lines bury the figures. It is the
 * load generator's own bookkeeping, not a leak in what is measured (the api's upstream fetch adds
 * none), so that one warning is dropped in the bench process; the clients keep their defaults.
 */
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
  if (warning instanceof Error && warning.name === 'MaxListenersExceededWarning' && warning.message.includes('[AbortSignal]')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

export interface Figures {
  calls: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `callers` callers, each starting its next call when the last one ends, for `seconds`. */
export async function closedLoop(call: () => Promise<void>, seconds: number, callers = CONCURRENCY): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await call();
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { calls: latencies.length, rps: Math.round(latencies.length / elapsed), p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), errors };
}

export async function sdkClient(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

export function row(label: string, f: Figures): string {
  return `${label.padEnd(40)} ${String(f.rps).padStart(6)} calls/s   p50 ${f.p50} ms   p99 ${f.p99} ms   errors ${f.errors}`;
}
