import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@app/core';
import { API_KEY_PREFIX, ApiKeysService, hashApiKey, isLive } from '../api-keys/api-keys.service';
import type { Credentials } from '../credentials';
import type { Role } from '../permissions';
import { JwtCodec } from '../tokens/jwt-codec';
import type { AccessClaims } from '../tokens/token-claims';
import { unverifiedSubject } from '../tokens/unverified-subject';
import { UsersService } from '../users/users.service';
import { type AccountRevision, AccountRevisions, isCacheableRevision } from './account-revisions';
import { type CachedKey, type CachedUser, PrincipalCache, type VerifiedClaims } from './principal-cache';

/** See CachedPrincipals.expected. */
export interface ExpectedPrincipal {
  userId: string;
  role: Role;
  revision: string;
}

/** Enough for every account active on a replica; the oldest entries go first. */
const MAX_ENTRIES = 10_000;
/** A backstop: entries are trusted only while their revision matches Redis, and never longer than this. */
const TTL_MS = 30_000;

/**
 * The user and API key rows authentication needs, from PostgreSQL or from this process's copies. A
 * copy is used only under the account revision the request read from Redis (see AccountRevisions):
 * with no revision (Redis unreachable, or a caller that read none) everything comes from PostgreSQL.
 */
@Injectable()
export class CachedPrincipals {
  private readonly cache = new PrincipalCache({ maxEntries: MAX_ENTRIES, ttlMs: TTL_MS });

  constructor(
    private readonly jwt: JwtCodec,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly revisions: AccountRevisions,
    @Inject(REDIS) redis: Redis,
  ) {
    // While this replica cannot reach Redis it cannot see revisions change: it starts over from PostgreSQL.
    redis.on('close', () => this.cache.clear());
  }

  /** The account whose revision to read with the failed-authentication check, if it can be told before verification. */
  subjectOf(credentials: Credentials): string | undefined {
    if (credentials.bearer) return this.cache.claims(credentials.bearer)?.sub ?? unverifiedSubject(credentials.bearer);
    if (credentials.apiKey) return this.cache.ownerOfKey(hashApiKey(credentials.apiKey));
    return undefined;
  }

  /**
   * Whom these credentials will authenticate as, and the account revision the copies that say so are
   * stamped with, when that is known without PostgreSQL: a token verified before (its claims are
   * cached) or a key read before, with the rows cached under one revision. If Redis still holds that
   * revision when the request reads it, `user`/`apiKey` answer from these very copies.
   */
  expected(credentials: Credentials): ExpectedPrincipal | undefined {
    if (credentials.bearer) {
      const claims = this.cache.claims(credentials.bearer);
      const user = claims && this.cache.userCopy(claims.sub);
      return user && user.value.role === claims.role ? { userId: user.value.id, role: user.value.role, revision: user.revision } : undefined;
    }
    if (!credentials.apiKey?.startsWith(API_KEY_PREFIX)) return undefined;
    const key = this.cache.keyCopy(hashApiKey(credentials.apiKey));
    const user = key && isLive(key.value) ? this.cache.userCopy(key.value.userId) : undefined;
    return user && user.revision === key!.revision ? { userId: user.value.id, role: user.value.role, revision: user.revision } : undefined;
  }

  /** The claims of a valid access token; verifying the same token again (HMAC, JSON, claim checks) is skipped until it expires. */
  accessClaims(token: string): VerifiedClaims {
    const cached = this.cache.claims(token);
    if (cached) return cached;
    const claims = this.jwt.verify<AccessClaims>(token, 'access');
    this.cache.putClaims(token, claims);
    return claims;
  }

  /** The active user, or null. `tokenRole`: a token issued for another role than the copy's means the copy is older than the token. */
  async user(userId: string, revision: AccountRevision | undefined, tokenRole?: Role): Promise<CachedUser | null> {
    const stamp = revision?.userId === userId ? revision.value : undefined;
    const cached = stamp && isCacheableRevision(stamp) ? this.cache.user(userId, stamp) : undefined;
    if (cached && (tokenRole === undefined || cached.role === tokenRole)) return cached;
    const row = await this.users.findActive(userId);
    if (!row) return null;
    const user: CachedUser = { id: row.id, username: row.username, role: row.role };
    this.stamp(userId, stamp, (value) => this.cache.putUser(user, value));
    return user;
  }

  /** The live key (not revoked, not expired), or undefined. */
  async apiKey(key: string, revision: AccountRevision | undefined): Promise<CachedKey | undefined> {
    if (!key.startsWith(API_KEY_PREFIX)) return undefined;
    const hash = hashApiKey(key);
    const owner = this.cache.ownerOfKey(hash);
    const stamp = owner && revision?.userId === owner ? revision.value : undefined;
    let found = stamp && isCacheableRevision(stamp) ? this.cache.key(hash, stamp) : undefined;
    if (!found) {
      const row = await this.apiKeys.findLive(hash);
      if (!row) return undefined;
      found = { id: row.id, userId: row.userId, expiresAt: row.expiresAt };
      const live = found;
      this.cache.rememberOwner(hash, row.userId);
      // Only under the revision of the owner read before the row; on a first use the owner was unknown.
      if (owner === row.userId) this.stamp(owner, stamp, (value) => this.cache.putKey(hash, live, value));
    }
    if (!isLive(found)) return undefined;
    this.apiKeys.touch(found.id);
    return found;
  }

  /**
   * Caches rows read after the request read `revision`, under that revision. None read (undefined) or
   * a change under way: nothing is cached. Redis held none: one is claimed first (not awaited: the
   * request has its answer), and the rows are cached under it only if no change set one meanwhile.
   */
  private stamp(userId: string, revision: string | null | undefined, put: (revision: string) => void): void {
    if (revision === undefined) return;
    if (revision === null) {
      void this.revisions.claim(userId).then((claimed) => claimed && put(claimed));
      return;
    }
    if (isCacheableRevision(revision)) put(revision);
  }
}
