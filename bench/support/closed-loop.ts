import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { percentile } from './load';

export const CONCURRENCY = 16;

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
