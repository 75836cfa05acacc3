import { PrincipalCache } from './principal-cache';

const alice = { id: 'u-alice', username: 'alice', role: 'developer' as const };
const bob = { id: 'u-bob', username: 'bob', role: 'viewer' as const };

function newCache(maxEntries = 10, ttlMs = 1000) {
  let now = 0;
  const cache = new PrincipalCache({ maxEntries, ttlMs }, () => now);
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('PrincipalCache', () => {
  it('serves a user only under the revision it was stored with', () => {
    const { cache } = newCache();
    cache.putUser(alice, 'rev-1');
    expect(cache.user(alice.id, 'rev-1')).toEqual(alice);
    expect(cache.user(alice.id, 'rev-2')).toBeUndefined();
    // A mismatch drops the copy: going back to the old revision does not revive it.
    expect(cache.user(alice.id, 'rev-1')).toBeUndefined();
  });

  it('serves a key only under its revision, and remembers its owner apart', () => {
    const { cache } = newCache();
    const key = { id: 'k-1', userId: alice.id, expiresAt: null };
    cache.rememberOwner('hash-1', alice.id);
    cache.putKey('hash-1', key, 'rev-1');
    expect(cache.key('hash-1', 'rev-1')).toEqual(key);
    expect(cache.key('hash-1', 'rev-2')).toBeUndefined();
    expect(cache.ownerOfKey('hash-1')).toBe(alice.id);
  });

  it('stops serving an entry after the TTL even when the revision still matches', () => {
    const { cache, advance } = newCache(10, 1000);
    cache.putUser(alice, 'rev-1');
    advance(999);
    expect(cache.user(alice.id, 'rev-1')).toEqual(alice);
    advance(1);
    expect(cache.user(alice.id, 'rev-1')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the least recently stored', () => {
    const { cache } = newCache(2);
    cache.putUser(alice, 'r');
    cache.putUser(bob, 'r');
    cache.putUser(alice, 'r');
    cache.putUser({ ...bob, id: 'u-carol' }, 'r');
    expect(cache.user(bob.id, 'r')).toBeUndefined();
    expect(cache.user(alice.id, 'r')).toEqual(alice);
    expect(cache.user('u-carol', 'r')).toBeDefined();
  });

  it('keeps verified token claims until the second they expire, as jsonwebtoken counts it', () => {
    const { cache, advance } = newCache(10, 1000);
    const claims = { sub: alice.id, role: alice.role, type: 'access' as const, exp: 10 };
    cache.putClaims('token', claims);
    advance(9_999);
    expect(cache.claims('token')).toEqual(claims);
    advance(1);
    expect(cache.claims('token')).toBeUndefined();
  });

  it('forgets everything on clear', () => {
    const { cache } = newCache();
    cache.putUser(alice, 'r');
    cache.rememberOwner('hash-1', alice.id);
    cache.clear();
    expect(cache.user(alice.id, 'r')).toBeUndefined();
    expect(cache.ownerOfKey('hash-1')).toBeUndefined();
  });
});
