import type { ServerResponse } from 'node:http';
import { contentText, ScriptedLlm } from './llm/scripted-llm';

/** A loopback server speaking the Anthropic Messages API (tool use for structured output) and its model list. */
export class FakeAnthropic extends ScriptedLlm {
  override models = ['claude-haiku-4-5', 'claude-sonnet-4-5'];

  protected errorBody(status: number): object {
    const type = status === 429 ? 'rate_limit_error' : status === 529 ? 'overloaded_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
    return { type: 'error', error: { type, message: `scripted ${status}` } };
  }

  protected async route(method: string, path: string, raw: string, res: ServerResponse): Promise<boolean> {
    if (method === 'GET' && path === '/v1/models') {
      const data = this.models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
      this.json(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
      return true;
    }
    if (method !== 'POST' || path !== '/v1/messages') return false;
    const body = JSON.parse(raw) as Record<string, any>;
    const tool = body.tools?.[0];
    const text = [contentText(body.system), ...(body.messages as { content: unknown }[]).map((m) => contentText(m.content))].join('\n');
    const answer = await this.chat({ body, text, schemaName: tool?.name, receivedAt: Date.now() }, res);
    if (!answer) return true;
    const call = this.chats.length;
    let input: unknown;
    try {
      input = JSON.parse(answer.content);
    } catch {
      input = undefined;
    }
    const content =
      tool && input !== undefined ? [{ type: 'tool_use', id: `toolu_${call}`, name: tool.name, input }] : [{ type: 'text', text: answer.content }];
    this.json(res, 200, {
      id: `msg_${call}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: content[0].type === 'tool_use' ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 200 + call, output_tokens: 30 },
    });
    return true;
  }
}
