import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { freePort } from './free-port';

export interface FakeOpenAiBehaviour {
  /** Delay before answering each call, by call number (1-based); default 0. */
  delayMs?: (call: number) => number;
  /** Answer with HTTP 500 instead of a completion. */
  fail?: boolean;
  /** The assistant message content. */
  reply?: object;
}

/**
 * A loopback server speaking the OpenAI Chat Completions wire format, standing in for an LLM
 * vendor this machine cannot reach.
 */
export class FakeOpenAi {
  calls = 0;
  embeddingCalls = 0;
  /** Every Chat Completions request body received, for asserting what was (not) sent to the vendor. */
  readonly prompts: string[] = [];
  behaviour: FakeOpenAiBehaviour = {};
  private server?: Server;
  port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** `/v1/embeddings`: a deterministic 8-dimensional bag-of-letters vector per input, L2-normalised. */
  private embeddings(body: string, res: ServerResponse): void {
    this.embeddingCalls++;
    const { input, encoding_format } = JSON.parse(body) as { input: string | string[]; encoding_format?: string };
    const data = (Array.isArray(input) ? input : [input]).map((text, index) => {
      const vector = Array.from({ length: 8 }, (_, d) => [...text.toLowerCase()].filter((c) => c.charCodeAt(0) % 8 === d).length + 1);
      const norm = Math.hypot(...vector);
      const embedding = vector.map((v) => v / norm);
      // Like the real API: `base64` means little-endian float32 bytes, base64-encoded.
      const encoded = encoding_format === 'base64' ? Buffer.from(new Float32Array(embedding).buffer).toString('base64') : embedding;
      return { object: 'embedding', index, embedding: encoded };
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data, model: 'fake-embedding', usage: { prompt_tokens: 1, total_tokens: 1 } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method === 'POST' && req.url?.endsWith('/embeddings')) return this.embeddings(body, res);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    this.prompts.push(body);
    const call = ++this.calls;
    const delay = this.behaviour.delayMs?.(call) ?? 0;
    if (delay > 0) {
      // A client that went away (a killed worker) ends the wait early.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        res.once('close', () => (clearTimeout(timer), resolve()));
      });
    }
    if (res.destroyed) return;
    if (this.behaviour.fail) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'upstream exploded', type: 'server_error' } }));
      return;
    }
    const content = JSON.stringify(
      this.behaviour.reply ?? {
        score: 0.8,
        is_feasible: true,
        reasoning: 'Feasible with read-only access.',
        risks: ['Direct database access poses security risks'],
        recommendations: ['Implement read-only mode by default'],
      },
    );
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${call}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: 'fake-model',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
  }
}
