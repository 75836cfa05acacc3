import { collectStringLeaves, formatPath } from './json-walk';

const LIMITS = { maxDepth: 3, maxNodes: 10, maxStringLength: 5, maxTotalLength: 12 };

describe('collectStringLeaves', () => {
  it('collects strings with their paths in document order', () => {
    const result = collectStringLeaves({ a: 'x', b: [1, 'y', { c: 'z' }], d: true });

    expect(result).toEqual({
      leaves: [
        { path: ['a'], value: 'x' },
        { path: ['b', 1], value: 'y' },
        { path: ['b', 2, 'c'], value: 'z' },
      ],
      truncated: false,
    });
  });

  it.each([
    ['too deep', { a: { b: { c: { d: 'deep' } } } }],
    ['too many nodes', Array.from({ length: 20 }, () => 'x')],
    ['a too long string', { a: 'abcdefgh' }],
    ['too many characters in all', ['abcd', 'abcd', 'abcd', 'abcd']],
  ])('stops and says so when the input is %s', (_, value) => {
    expect(collectStringLeaves(value, LIMITS).truncated).toBe(true);
  });

  it('keeps a node budget even when one array is referenced over and over', () => {
    const shared: unknown[] = [];
    for (let i = 0; i < 20_000; i++) shared.push(shared);

    expect(collectStringLeaves(shared).truncated).toBe(true);
  });

  it('ends on a cycle', () => {
    const cycle: Record<string, unknown> = { name: 'x' };
    cycle.self = cycle;

    expect(collectStringLeaves(cycle).truncated).toBe(true);
  });
});

describe('formatPath', () => {
  it('renders keys and indices, withholding keys that are secrets', () => {
    expect(formatPath(['servers', 0, 'env', 'API_KEY'])).toBe('servers[0].env.API_KEY');
    expect(formatPath([0, `sk-${'a'.repeat(24)}`])).toBe('[0].[redacted]');
  });
});
