import type { CallToolResult } from '@modelcontextprotocol/client';
import { ToolError } from '../upstream/upstream-errors';

function textOf(result: CallToolResult): string {
  return (result.content ?? [])
    .filter((c): c is { type: 'text'; text: string } => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}

/** A REST tool's failure names the API's HTTP status (see the REST runtime's answers). */
function upstreamStatusOf(result: CallToolResult): Record<string, unknown> {
  const status = (result.structuredContent as { upstream_status?: unknown } | undefined)?.upstream_status;
  return typeof status === 'number' ? { upstream_status: status } : {};
}

/**
 * The REST face of a tool result: its `structuredContent`, else its text parsed as JSON when it is
 * JSON, else `{content}`. A result flagged `isError` is the tool's failure, not ours: 502 TOOL_ERROR.
 */
export function toRestBody(result: CallToolResult): unknown {
  if (result.isError) throw ToolError(textOf(result) || 'The tool reported an error', upstreamStatusOf(result));
  if (result.structuredContent !== undefined) return result.structuredContent;
  const blocks = result.content ?? [];
  // JSON text starts (after whitespace) with one of these; checking first spares the SyntaxError,
  // stack trace included, that JSON.parse throws on every plain-text answer.
  if (blocks.length === 1 && blocks[0].type === 'text' && /^\s*[-{["\dtfn]/.test(blocks[0].text)) {
    try {
      return JSON.parse(blocks[0].text);
    } catch {
      // plain text: returned as content below
    }
  }
  return { content: blocks };
}
