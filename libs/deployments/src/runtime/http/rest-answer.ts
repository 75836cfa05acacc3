import type { CallToolResult } from '@modelcontextprotocol/client';

/** How much of a failed answer's body the error message quotes. */
const QUOTED_ERROR_CHARS = 500;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A REST answer as an MCP tool result: a JSON object becomes `structuredContent` (MCP allows only
 * objects there; arrays and scalars stay JSON text, which the REST gateway parses back), anything
 * else text. A non-2xx answer is the tool's failure, carrying the upstream status.
 */
export async function toToolResult(response: Response): Promise<CallToolResult> {
  const text = await response.text();
  const json = text ? parseJson(text) : undefined;
  if (!response.ok) {
    const reason = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const quoted = text.length > QUOTED_ERROR_CHARS ? `${text.slice(0, QUOTED_ERROR_CHARS)}…` : text;
    return {
      isError: true,
      content: [{ type: 'text', text: `The API answered HTTP ${reason}${quoted ? `: ${quoted}` : ''}` }],
      structuredContent: { upstream_status: response.status, ...(json === undefined ? {} : { body: json }) },
    };
  }
  return { content: [{ type: 'text', text }], ...(isObject(json) ? { structuredContent: json } : {}) };
}
