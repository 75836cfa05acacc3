import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('is the same for the same request whatever the key order', () => {
    expect(requestFingerprint('post', '/a', { x: 1, y: { b: [1, { d: 2, c: 3 }], a: null } })).toBe(
      requestFingerprint('POST', '/a', { y: { a: null, b: [1, { c: 3, d: 2 }] }, x: 1 }),
    );
  });

  it('differs when the body, the path or the method differs', () => {
    const base = requestFingerprint('POST', '/a', { x: 1 });
    expect(requestFingerprint('POST', '/a', { x: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/b', { x: 1 })).not.toBe(base);
    expect(requestFingerprint('PUT', '/a', { x: 1 })).not.toBe(base);
  });

  it('keeps arrays in order and tells strings from numbers', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
  });
});
