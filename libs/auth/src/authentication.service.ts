import { Injectable } from '@nestjs/common';
import { Unauthorized } from '@app/core';
import type { AuthUser } from './auth-user';
import type { Credentials } from './credentials';
import { ROLE_PERMISSIONS } from './permissions';
import type { AccountRevision } from './principals/account-revisions';
import { CachedPrincipals, type ExpectedPrincipal } from './principals/cached-principals';
import type { CachedUser } from './principals/principal-cache';

const principal = (user: CachedUser, expiresAt: Date | undefined, apiKeyId?: string): AuthUser => ({
  id: user.id,
  username: user.username,
  role: user.role,
  permissions: ROLE_PERMISSIONS[user.role],
  apiKeyId,
  expiresAt,
});

/**
 * Turns credentials (Bearer access token or X-API-Key) into the principal a request acts as. The
 * user (and key) row is checked on every request so a deactivated user or a revoked key is locked
 * out at once: read from PostgreSQL, or from a copy that the account's current revision (read from
 * Redis by the caller, before this runs) proves unchanged since it was read.
 */
@Injectable()
export class AuthenticationService {
  constructor(private readonly principals: CachedPrincipals) {}

  /** The account whose revision the caller should read for `authenticate`, when the credentials tell. */
  subjectOf(credentials: Credentials): string | undefined {
    return this.principals.subjectOf(credentials);
  }

  /** Whom the credentials will authenticate as under which account revision, when cached copies already tell (see CachedPrincipals.expected). */
  expected(credentials: Credentials): ExpectedPrincipal | undefined {
    return this.principals.expected(credentials);
  }

  async authenticate(credentials: Credentials, revision?: AccountRevision): Promise<AuthUser> {
    if (credentials.bearer) {
      const claims = this.principals.accessClaims(credentials.bearer);
      const user = await this.principals.user(claims.sub, revision, claims.role);
      if (!user) throw Unauthorized();
      return principal(user, new Date(claims.exp * 1000));
    }
    if (credentials.apiKey) {
      const key = await this.principals.apiKey(credentials.apiKey, revision);
      if (!key) throw Unauthorized('Invalid, revoked or expired API key');
      const user = await this.principals.user(key.userId, revision);
      if (!user) throw Unauthorized();
      return principal(user, key.expiresAt ?? undefined, key.id);
    }
    throw Unauthorized('Missing credentials');
  }
}
