import type { CallToolResult } from '@modelcontextprotocol/client';
import { toRestBody } from './rest-result';

const text = (t: string): CallToolResult => ({ content: [{ type: 'text', text: t }] });

describe('toRestBody', () => {
  it('answers structuredContent, else a single text block parsed as JSON, else {content}', () => {
    expect(toRestBody({ content: [], structuredContent: { a: 1 } })).toEqual({ a: 1 });
    expect(toRestBody(text(' \n{"a": [1, true, null]}'))).toEqual({ a: [1, true, null] });
    expect(toRestBody(text('-2.5'))).toBe(-2.5);
    expect(toRestBody(text('"quoted"'))).toBe('quoted');
    expect(toRestBody(text('false'))).toBe(false);
    expect(toRestBody(text('echo: hi'))).toEqual({ content: [{ type: 'text', text: 'echo: hi' }] });
    expect(toRestBody(text('{not json'))).toEqual({ content: [{ type: 'text', text: '{not json' }] });
  });

  it('turns a result flagged isError into 502 TOOL_ERROR with its text', () => {
    expect(() => toRestBody({ ...text('upstream exploded'), isError: true })).toThrow(expect.objectContaining({ status: 502, errorCode: 'TOOL_ERROR', detail: 'upstream exploded' }));
  });
});
