import type { Role } from '../permissions';
import type { AccessClaims } from '../tokens/token-claims';

export type VerifiedClaims = AccessClaims & { exp: number };

/** What authentication needs of an active user row. */
export interface CachedUser {
  id: string;
  username: string;
  role: Role;
}

/** What authentication needs of a live API key row. */
export interface CachedKey {
  id: string;
  userId: string;
  expiresAt: Date | null;
}

interface Stamped<T> {
  value: T;
  revision: string;
  storedAt: number;
}

export interface PrincipalCacheLimits {
  /** Entries per map; the oldest is dropped first. */
  maxEntries: number;
  /** Backstop only: an entry is trusted while its revision matches Redis, and never longer than this. */
  ttlMs: number;
}

/**
 * Per-process copies of user and API key rows, each stamped with the account revision that was read
 * from Redis BEFORE the row was read from PostgreSQL. An entry is only served for the revision it was
 * stamped with, so a change that bumps the revision after its commit makes every older copy useless.
 * Key owners are remembered apart from the stamped rows: a key never changes owner, and knowing the
 * owner is what lets the next request read the right revision.
 */
export class PrincipalCache {
  private readonly users = new Map<string, Stamped<CachedUser>>();
  private readonly keys = new Map<string, Stamped<CachedKey>>();
  private readonly owners = new Map<string, string>();
  private readonly tokens = new Map<string, VerifiedClaims>();

  constructor(
    private readonly limits: PrincipalCacheLimits,
    private readonly now: () => number = Date.now,
  ) {}

  user(id: string, revision: string): CachedUser | undefined {
    return this.fresh(this.users, id, revision);
  }

  putUser(user: CachedUser, revision: string): void {
    this.put(this.users, user.id, { value: user, revision, storedAt: this.now() });
  }

  key(hash: string, revision: string): CachedKey | undefined {
    return this.fresh(this.keys, hash, revision);
  }

  putKey(hash: string, key: CachedKey, revision: string): void {
    this.put(this.keys, hash, { value: key, revision, storedAt: this.now() });
  }

  /** The copy of a user and the revision it is stamped with, while within the TTL; unlike `user`, a look that drops nothing. */
  userCopy(id: string): { value: CachedUser; revision: string } | undefined {
    return this.peek(this.users, id);
  }

  /** As userCopy, for a key. */
  keyCopy(hash: string): { value: CachedKey; revision: string } | undefined {
    return this.peek(this.keys, hash);
  }

  ownerOfKey(hash: string): string | undefined {
    return this.owners.get(hash);
  }

  rememberOwner(hash: string, userId: string): void {
    this.put(this.owners, hash, userId);
  }

  /**
   * The claims of an access token whose signature, issuer, audience and type were verified before,
   * while it has not expired (the same test as jsonwebtoken's, to the second). A token's claims never
   * change, so unlike rows they need no revision; whether its user may still use it is checked apart.
   */
  claims(token: string): VerifiedClaims | undefined {
    const claims = this.tokens.get(token);
    if (claims && Math.floor(this.now() / 1000) < claims.exp) return claims;
    if (claims) this.tokens.delete(token);
    return undefined;
  }

  putClaims(token: string, claims: VerifiedClaims): void {
    this.put(this.tokens, token, claims);
  }

  clear(): void {
    this.users.clear();
    this.keys.clear();
    this.owners.clear();
    this.tokens.clear();
  }

  private fresh<T>(map: Map<string, Stamped<T>>, id: string, revision: string): T | undefined {
    const entry = map.get(id);
    if (!entry) return undefined;
    if (entry.revision === revision && this.now() - entry.storedAt < this.limits.ttlMs) return entry.value;
    map.delete(id);
    return undefined;
  }

  private peek<T>(map: Map<string, Stamped<T>>, id: string): Stamped<T> | undefined {
    const entry = map.get(id);
    return entry && this.now() - entry.storedAt < this.limits.ttlMs ? entry : undefined;
  }

  /** Maps iterate in insertion order: re-inserting moves an entry last, so the first one is the oldest. */
  private put<T>(map: Map<string, T>, id: string, value: T): void {
    map.delete(id);
    map.set(id, value);
    if (map.size > this.limits.maxEntries) map.delete(map.keys().next().value as string);
  }
}
