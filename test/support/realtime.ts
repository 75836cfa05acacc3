import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

/** A `/ws` client collecting every message; `next()` waits for the first message matching a predicate. */
export class WsClient {
  readonly messages: any[] = [];
  private waiters: { match: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  closeCode?: number;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => (w.match(message) ? (w.resolve(message), false) : true));
    });
    ws.on('close', (code) => (this.closeCode = code));
  }

  /** Connects with `?token=` (or with headers only when the token is empty, e.g. an `X-API-Key`). */
  static connect(baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<WsClient> {
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/ws${token ? `?token=${token}` : ''}`, { headers });
    const client = new WsClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** Resolves with the close code once the server (or client) closed the socket. */
  closed(timeoutMs = 20_000): Promise<number> {
    return until(() => this.closeCode !== undefined, timeoutMs).then(() => this.closeCode!);
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(match: (m: any) => boolean, timeoutMs = 20_000): Promise<any> {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message; got ${JSON.stringify(this.messages)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  close(): void {
    this.ws.close();
  }
}

export const completedUpdate = (taskId: string) => (m: any) => m.type === 'task_update' && m.task_id === taskId && m.status === 'completed';

export async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface SseEvent {
  id?: string;
  event?: string;
  data: any;
}

/** A minimal EventSource over fetch: parses `id:`, `event:` and `data:` lines; `ended` once the server ends the stream. */
export async function openSse(baseUrl: string, credentials: { token?: string; apiKey?: string }) {
  const controller = new AbortController();
  const query = credentials.token ? `?token=${credentials.token}` : '';
  const headers: Record<string, string> = { Accept: 'text/event-stream', ...(credentials.apiKey ? { 'X-API-Key': credentials.apiKey } : {}) };
  const res = await fetch(`${baseUrl}/events${query}`, { headers, signal: controller.signal });
  if (res.status !== 200) throw new Error(`SSE status ${res.status}`);
  const events: SseEvent[] = [];
  const state = { ended: false };
  const reader = res.body!.getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += Buffer.from(value).toString();
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: SseEvent = { data: undefined };
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) event.id = line.slice(4);
            if (line.startsWith('event: ')) event.event = line.slice(7);
            if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
          }
          if (event.data !== undefined) events.push(event);
        }
      }
    } catch {
      // aborted
    } finally {
      state.ended = true;
    }
  })();
  return {
    events,
    get ended() {
      return state.ended;
    },
    async next(match: (e: SseEvent) => boolean) {
      await until(() => events.some(match));
      return events.find(match)!;
    },
    close: () => controller.abort(),
  };
}

/** Publishes on a platform's event bus as a worker would (for topics whose publisher is not built yet). */
export async function publishEvent(redisUrl: string, queuePrefix: string, ownerId: string, event: { type: string }): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    await redis.publish(`${queuePrefix}:events`, JSON.stringify({ id: randomUUID(), owner_id: ownerId, event }));
  } finally {
    redis.disconnect();
  }
}
