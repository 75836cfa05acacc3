import { withoutUpstreamIdentity } from './upstream-result';

const STAMP = 'io.modelcontextprotocol/serverInfo';

describe('withoutUpstreamIdentity', () => {
  it('drops the upstream’s 2026-07-28 name stamp and keeps the tool’s own _meta', async () => {
    const content = [{ type: 'text', text: 'hi' }];
    expect(await withoutUpstreamIdentity({ content, _meta: { [STAMP]: { name: 'upstream', version: '1' } } })).toEqual({ content });
    expect(await withoutUpstreamIdentity({ content, _meta: { [STAMP]: { name: 'upstream', version: '1' }, trace: 'x' } })).toEqual({
      content,
      _meta: { trace: 'x' },
    });
  });

  it('returns a 2025 answer (no stamp) as it is', async () => {
    const plain = { content: [] };
    const own = { content: [], _meta: { trace: 'x' } };
    expect(await withoutUpstreamIdentity(plain)).toBe(plain);
    expect(await withoutUpstreamIdentity(own)).toBe(own);
  });
});
