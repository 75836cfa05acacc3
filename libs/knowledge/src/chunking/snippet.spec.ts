import { snippet } from './snippet';

const filler = (words: number, word = 'lorem') => Array.from({ length: words }, () => word).join(' ');

describe('snippet', () => {
  it('returns short text whole', () => {
    expect(snippet('  MCP uses JSON-RPC.  ', 'json')).toBe('MCP uses JSON-RPC.');
  });

  it('centres the window on the matching words and marks both cuts', () => {
    const text = `${filler(60)} MCP authentication uses OAuth tokens for remote servers. ${filler(60)}`;
    const result = snippet(text, 'How does MCP handle authentication?', 120);
    expect(result).toMatch(/^\.\.\.lorem .*MCP authentication uses OAuth tokens for remote servers\. .*lorem\.\.\.$/);
    expect(result.length).toBeLessThanOrEqual(126);
  });

  it('prefers the passage with the most distinct query words', () => {
    const text = `vacuum ${filler(40)} vacuum ${filler(40)} vacuum removes dead tuples ${filler(40)}`;
    expect(snippet(text, 'vacuum dead tuples', 60)).toContain('vacuum removes dead tuples');
  });

  it('matches inflected forms and ignores stop words', () => {
    const text = `${filler(30, 'the')} ${filler(30)} B-tree indexes speed up range queries. ${filler(30)}`;
    expect(snippet(text, 'the index', 80)).toContain('B-tree indexes speed up');
  });

  it('starts at the beginning when nothing matches', () => {
    const text = `First words here. ${filler(80)}`;
    const result = snippet(text, 'kubernetes', 50);
    expect(result.startsWith('First words here.')).toBe(true);
    expect(result.endsWith('lorem...')).toBe(true);
  });

  it('never cuts inside a word', () => {
    const text = `${filler(40, 'alpha')} target ${filler(40, 'omega')}`;
    const body = snippet(text, 'target', 53).replace(/^\.\.\./, '').replace(/\.\.\.$/, '');
    expect(body.split(' ').every((word) => ['alpha', 'target', 'omega'].includes(word))).toBe(true);
  });

  it('hard-cuts a single word longer than the window', () => {
    expect(snippet(`x${'y'.repeat(500)}`, 'x', 100)).toBe(`x${'y'.repeat(99)}...`);
  });
});
