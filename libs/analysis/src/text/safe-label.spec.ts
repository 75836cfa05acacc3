import { listLabels, safeLabel } from './safe-label';

describe('safeLabel', () => {
  it('removes control characters and bounds the length', () => {
    expect(safeLabel('get\nweather\u0000now')).toBe('get weather now');
    expect(safeLabel('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('withholds a label holding a credential, even one cut by the length bound', () => {
    expect(safeLabel(`tool ${'x'.repeat(60)} ghp_${'a'.repeat(36)}`)).toBe('[redacted]');
    expect(safeLabel('https://admin:pw@example.org')).toBe('[redacted]');
  });
});

describe('listLabels', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
    [['a', 'b', 'c', 'd', 'e'], 'a, b, c and 2 more'],
  ])('lists %j as %p', (labels, expected) => {
    expect(listLabels(labels)).toBe(expected);
  });
});
