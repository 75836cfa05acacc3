import { vi } from 'vitest';
import { JwtService } from '@nestjs/jwt';
import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import type { AppConfig } from '@app/core';
import { hashApiKey, type ApiKeysService } from '../api-keys/api-keys.service';
import type { Role } from '../permissions';
import { JwtCodec } from '../tokens/jwt-codec';
import type { UsersService } from '../users/users.service';
import { type AccountRevision, AccountRevisions } from './account-revisions';
import { CachedPrincipals } from './cached-principals';

const KEY = 'mcp_live_test-key';

/**
 * CachedPrincipals over rows in memory (standing in for PostgreSQL, with a count of reads) and a
 * Redis that only knows SET [NX] and GET, which can be made to fail like an unreachable one.
 */
function newTestService() {
  const users = new Map([['u-1', { id: 'u-1', username: 'alice', role: 'developer' as Role, isActive: true }]]);
  const keys = new Map([[hashApiKey(KEY), { id: 'k-1', userId: 'u-1', expiresAt: null as Date | null, revoked: false }]]);
  const reads = { users: 0, keys: 0 };
  const store = new Map<string, string>();
  const redis = Object.assign(new EventEmitter(), {
    down: false,
    async set(key: string, value: string, ...args: unknown[]) {
      if (redis.down) throw new Error('Connection is closed.');
      if (args.includes('NX') && store.has(key)) return null;
      store.set(key, value);
      return 'OK';
    },
  });
  const usersService = {
    findActive: async (id: string) => (reads.users++, [users.get(id)].find((u) => u?.isActive) ?? null),
  } as unknown as UsersService;
  const apiKeys = {
    findLive: async (hash: string) => (reads.keys++, [keys.get(hash)].find((k) => k && !k.revoked)),
    touch: () => undefined,
  } as unknown as ApiKeysService;
  const revisions = new AccountRevisions(redis as unknown as Redis, { queuePrefix: 'test' } as AppConfig);
  const codec = new JwtCodec(new JwtService(), { jwtSecret: 'unit-test-secret-that-is-long-enough-0123' } as AppConfig);
  const principals = new CachedPrincipals(codec, usersService, apiKeys, revisions, redis as unknown as Redis);
  /** What the failed-authentication check reads: the account's current revision, null when Redis holds none. */
  const read = (userId = 'u-1'): AccountRevision => ({ userId, value: store.get(revisions.key(userId)) ?? null });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { principals, revisions, users, keys, reads, store, redis, read, settle, codec };
}

describe('CachedPrincipals', () => {
  it('reads PostgreSQL once per revision, claiming one when Redis holds none', async () => {
    const t = newTestService();
    await expect(t.principals.user('u-1', t.read())).resolves.toMatchObject({ username: 'alice' });
    await t.settle();
    expect(t.read().value).not.toBeNull();
    await t.principals.user('u-1', t.read());
    await t.principals.user('u-1', t.read());
    expect(t.reads.users).toBe(1);
  });

  it('refuses a user deactivated through change() on the next request, though it was cached', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => undefined);
    await t.principals.user('u-1', t.read());
    await t.principals.user('u-1', t.read());
    expect(t.reads.users).toBe(1);
    await t.revisions.change('u-1', async () => void (t.users.get('u-1')!.isActive = false));
    await expect(t.principals.user('u-1', t.read())).resolves.toBeNull();
  });

  it('never lets a row read before a change be served after it', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => undefined);
    // Read the revision, then the change commits and bumps, then the (old) row lands in the cache.
    const before = t.read();
    await t.revisions.change('u-1', async () => void (t.users.get('u-1')!.role = 'viewer'));
    t.users.get('u-1')!.role = 'developer'; // what the in-flight request had read
    await t.principals.user('u-1', before);
    t.users.get('u-1')!.role = 'viewer';
    await expect(t.principals.user('u-1', t.read())).resolves.toMatchObject({ role: 'viewer' });
  });

  it('caches nothing while a change is being written, nor without a revision', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => {
      await t.principals.user('u-1', t.read());
      await t.principals.user('u-1', t.read());
    });
    expect(t.reads.users).toBe(2);
    await t.principals.user('u-1', undefined);
    await t.principals.user('u-1', undefined);
    expect(t.reads.users).toBe(4);
  });

  it('does not use a copy for a token issued with another role', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => undefined);
    await t.principals.user('u-1', t.read(), 'developer');
    await t.principals.user('u-1', t.read(), 'admin');
    expect(t.reads.users).toBe(2);
  });

  it('drops every copy when its Redis connection closes', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => undefined);
    await t.principals.user('u-1', t.read());
    t.redis.emit('close');
    await t.principals.user('u-1', t.read());
    expect(t.reads.users).toBe(2);
  });

  it('caches a key from its second use (the owner is unknown before) and refuses it once revoked', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => undefined);
    expect(t.principals.subjectOf({ apiKey: KEY })).toBeUndefined();
    await expect(t.principals.apiKey(KEY, undefined)).resolves.toMatchObject({ id: 'k-1', userId: 'u-1' });
    expect(t.principals.subjectOf({ apiKey: KEY })).toBe('u-1');
    await t.principals.apiKey(KEY, t.read());
    await t.principals.apiKey(KEY, t.read());
    expect(t.reads.keys).toBe(2);
    await t.revisions.change('u-1', async () => void (t.keys.get(hashApiKey(KEY))!.revoked = true));
    await expect(t.principals.apiKey(KEY, t.read())).resolves.toBeUndefined();
  });

  it('verifies a token once, names its subject from then on, and refuses forgeries and refresh tokens every time', async () => {
    const t = newTestService();
    const token = t.codec.sign({ sub: 'u-1', role: 'developer', type: 'access' }, 60);
    const verify = vi.spyOn(t.codec, 'verify');
    expect(t.principals.accessClaims(token)).toMatchObject({ sub: 'u-1', role: 'developer' });
    expect(t.principals.accessClaims(token)).toMatchObject({ sub: 'u-1' });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(t.principals.subjectOf({ bearer: token })).toBe('u-1');
    const [header, payload] = token.split('.');
    for (const bad of [`${header}.${payload}.forged`, t.codec.sign({ sub: 'u-1', type: 'refresh' }, 60)]) {
      expect(() => t.principals.accessClaims(bad)).toThrow();
      expect(() => t.principals.accessClaims(bad)).toThrow();
    }
  });

  it('names whom a request will authenticate as only for credentials verified before, with their rows cached', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => undefined);
    const token = t.codec.sign({ sub: 'u-1', role: 'developer', type: 'access' }, 60);
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.forged`;
    expect(t.principals.expected({ bearer: token })).toBeUndefined();
    await t.principals.user(t.principals.accessClaims(token).sub, t.read(), 'developer');
    const expected = { userId: 'u-1', role: 'developer', revision: t.read().value };
    expect(t.principals.expected({ bearer: token })).toEqual(expected);
    expect(t.principals.expected({ bearer: forged })).toBeUndefined();
    expect(t.principals.expected({ bearer: t.codec.sign({ sub: 'u-1', role: 'admin', type: 'access' }, 60) })).toBeUndefined();
    expect(t.principals.expected({ apiKey: KEY })).toBeUndefined();
    await t.principals.apiKey(KEY, undefined);
    await t.principals.apiKey(KEY, t.read());
    expect(t.principals.expected({ apiKey: KEY })).toEqual(expected);
    t.keys.get(hashApiKey(KEY))!.expiresAt = new Date(Date.now() + 20);
    await t.revisions.change('u-1', async () => undefined);
    await t.principals.apiKey(KEY, t.read());
    await t.principals.user('u-1', t.read());
    expect(t.principals.expected({ apiKey: KEY })).toMatchObject({ userId: 'u-1' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(t.principals.expected({ apiKey: KEY })).toBeUndefined();
  });

  it('refuses an expired key from the cache', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => undefined);
    t.keys.get(hashApiKey(KEY))!.expiresAt = new Date(Date.now() + 50);
    await t.principals.apiKey(KEY, undefined);
    await expect(t.principals.apiKey(KEY, t.read())).resolves.toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await expect(t.principals.apiKey(KEY, t.read())).resolves.toBeUndefined();
  });
});

describe('AccountRevisions.change', () => {
  it('answers 503 after the write when Redis took neither revision, so the admin repeats it', async () => {
    const t = newTestService();
    t.redis.down = true;
    let written = false;
    await expect(t.revisions.change('u-1', async () => void (written = true))).rejects.toMatchObject({ status: 503 });
    expect(written).toBe(true);
  });

  it('replaces the revision even when the write fails, and rethrows its error', async () => {
    const t = newTestService();
    await t.revisions.change('u-1', async () => undefined);
    const before = t.read().value;
    await expect(t.revisions.change('u-1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(t.read().value).not.toBe(before);
    expect(t.read().value).not.toBe('changing');
  });
});
