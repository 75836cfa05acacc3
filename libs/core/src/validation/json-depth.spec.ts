import { exceedsDepth, MAX_JSON_DEPTH } from './json-depth';

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('exceedsDepth', () => {
  it('accepts scalars and nesting up to the limit', () => {
    expect(exceedsDepth('x')).toBe(false);
    expect(exceedsDepth(nested(MAX_JSON_DEPTH))).toBe(false);
  });

  it('rejects one level more, and a 50,000-level value without overflowing the stack', () => {
    expect(exceedsDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(exceedsDepth({ config: nested(50_000) })).toBe(true);
  });
});
