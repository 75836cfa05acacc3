import { retryBackoff } from './retry-backoff';

describe('retryBackoff', () => {
  it('waits as long as the error says (Retry-After)', () => {
    expect(retryBackoff(1, Object.assign(new Error('429'), { retryAfterMs: 2500 }), { delay: 100 })).toBe(2500);
    expect(retryBackoff(3, Object.assign(new Error('503'), { retryAfterMs: 0 }), { delay: 100 })).toBe(0);
  });

  it('backs off exponentially from the base delay otherwise', () => {
    expect([1, 2, 3].map((n) => retryBackoff(n, new Error('boom'), { delay: 100 }))).toEqual([100, 300, 700]);
    expect(retryBackoff(1, Object.assign(new Error('x'), { retryAfterMs: Number.NaN }), null)).toBe(1000);
  });
});
