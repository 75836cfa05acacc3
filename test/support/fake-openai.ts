import type { ServerResponse } from 'node:http';
import { contentText, ScriptedLlm } from './llm/scripted-llm';

/**
 * A loopback server speaking the OpenAI wire format (Chat Completions with tool calls or JSON-schema
 * response formats, Embeddings, the model list), standing in for any OpenAI-compatible vendor.
 */
export class FakeOpenAi extends ScriptedLlm {
  embeddingCalls = 0;
  override models = ['gpt-4o-mini', 'gpt-4o', 'gpt-4-turbo'];

  override get baseUrl(): string {
    return `${this.url}/v1`;
  }

  /** Every Chat Completions request body received, for asserting what was (not) sent to the vendor. */
  get prompts(): string[] {
    return this.chats.map((chat) => JSON.stringify(chat.body));
  }

  protected errorBody(status: number): object {
    const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
    return { error: { message: `scripted ${status}`, type, code: null } };
  }

  protected async route(method: string, path: string, raw: string, res: ServerResponse): Promise<boolean> {
    if (method === 'GET' && path === '/v1/models') {
      this.json(res, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      return true;
    }
    if (method === 'POST' && path === '/v1/embeddings') return this.embeddings(raw, res), true;
    if (method !== 'POST' || path !== '/v1/chat/completions') return false;
    const body = JSON.parse(raw) as Record<string, any>;
    const tool = body.tools?.[0]?.function;
    const schemaName: string | undefined = tool?.name ?? body.response_format?.json_schema?.name;
    const text = (body.messages as { content: unknown }[]).map((m) => contentText(m.content)).join('\n');
    const answer = await this.chat({ body, text, schemaName, receivedAt: Date.now() }, res);
    if (!answer) return true;
    const call = this.chats.length;
    // A request that forces a tool gets a tool call; a JSON-schema response format gets JSON content.
    const message = tool
      ? { role: 'assistant', content: null, tool_calls: [{ id: `call_${call}`, type: 'function', function: { name: tool.name, arguments: answer.content } }] }
      : { role: 'assistant', content: answer.content, refusal: null };
    this.json(res, 200, {
      id: `chatcmpl-${call}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message, finish_reason: tool ? 'tool_calls' : 'stop', logprobs: null }],
      usage: { prompt_tokens: 100 + call, completion_tokens: 20, total_tokens: 120 + call },
    });
    return true;
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
    this.json(res, 200, { object: 'list', data, model: 'fake-embedding', usage: { prompt_tokens: 1, total_tokens: 1 } });
  }
}
