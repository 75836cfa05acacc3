import type { ServerResponse } from 'node:http';
import { contentText, ScriptedLlm } from './llm/scripted-llm';

/** A loopback server speaking Ollama's `/api/chat` (streamed NDJSON, `format` = JSON schema) and `/api/tags`. */
export class FakeOllama extends ScriptedLlm {
  override models = ['llama3.1:latest', 'qwen2.5:7b'];

  protected errorBody(status: number): object {
    return { error: `scripted ${status}` };
  }

  protected async route(method: string, path: string, raw: string, res: ServerResponse): Promise<boolean> {
    if (method === 'GET' && path === '/api/tags') {
      this.json(res, 200, { models: this.models.map((name) => ({ name, model: name, modified_at: '2025-01-01T00:00:00Z', size: 1, digest: 'x' })) });
      return true;
    }
    if (method !== 'POST' || path !== '/api/chat') return false;
    const body = JSON.parse(raw) as Record<string, any>;
    const text = (body.messages as { content: unknown }[]).map((m) => contentText(m.content)).join('\n');
    const schemaName = typeof body.format === 'object' ? schemaNameOf(body.format) : undefined;
    const answer = await this.chat({ body, text, schemaName, receivedAt: Date.now() }, res);
    if (!answer) return true;
    const created_at = new Date().toISOString();
    const lines = [
      { model: body.model, created_at, message: { role: 'assistant', content: answer.content }, done: false },
      { model: body.model, created_at, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 300 + this.calls, eval_count: 40 },
    ];
    if (body.stream === false) {
      this.json(res, 200, { ...lines[1], message: lines[0].message });
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.end(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    return true;
  }
}

/** Ollama's `format` is a bare JSON schema: which analysis asked is told by its properties. */
function schemaNameOf(format: { properties?: Record<string, unknown> }): string {
  const props = format.properties ?? {};
  if ('suggestions' in props) return 'improvement_suggestions';
  if ('config' in props) return 'tool_configuration';
  return 'feasibility_assessment';
}
