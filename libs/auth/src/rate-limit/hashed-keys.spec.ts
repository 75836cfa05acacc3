import { vi } from 'vitest';
import { HashedKeys } from './hashed-keys';

describe('HashedKeys', () => {
  it('hashes an input once and answers the same key after', () => {
    const keys = new HashedKeys();
    const hash = vi.fn(() => 'h1');
    expect(keys.get('Gateway-call-principal-user:u1', hash)).toBe('h1');
    expect(keys.get('Gateway-call-principal-user:u1', hash)).toBe('h1');
    expect(hash).toHaveBeenCalledTimes(1);
  });

  it('stays bounded, dropping the oldest input first', () => {
    const keys = new HashedKeys();
    for (let i = 0; i <= 10_000; i++) keys.get(`input-${i}`, () => `key-${i}`);
    const rehash = vi.fn(() => 'again');
    expect(keys.get('input-10000', rehash)).toBe('key-10000');
    expect(keys.get('input-0', rehash)).toBe('again');
    expect(rehash).toHaveBeenCalledTimes(1);
  });
});
