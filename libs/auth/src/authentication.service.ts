import { Injectable } from '@nestjs/common';
import { Unauthorized } from '@app/core';
import { ApiKeysService } from './api-keys/api-keys.service';
import type { AuthUser } from './auth-user';
import type { Credentials } from './credentials';
import { ROLE_PERMISSIONS } from './permissions';
import { JwtCodec } from './tokens/jwt-codec';
import type { AccessClaims } from './tokens/token-claims';
import { UsersService } from './users/users.service';

/**
 * Turns credentials (Bearer access token or X-API-Key) into the principal a request acts as. The
 * user row is read every time so a deactivated user is locked out at once.
 */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly jwt: JwtCodec,
    private readonly apiKeys: ApiKeysService,
    private readonly users: UsersService,
  ) {}

  async authenticate(credentials: Credentials): Promise<AuthUser> {
    let userId: string;
    let apiKeyId: string | undefined;
    let expiresAt: Date | undefined;
    if (credentials.bearer) {
      const claims = this.jwt.verify<AccessClaims>(credentials.bearer, 'access');
      userId = claims.sub;
      expiresAt = new Date(claims.exp * 1000);
    } else if (credentials.apiKey) {
      const key = await this.apiKeys.resolve(credentials.apiKey);
      if (!key) throw Unauthorized('Invalid, revoked or expired API key');
      userId = key.userId;
      apiKeyId = key.id;
      expiresAt = key.expiresAt ?? undefined;
    } else {
      throw Unauthorized('Missing credentials');
    }
    const user = await this.users.findActive(userId);
    if (!user) throw Unauthorized();
    return { id: user.id, username: user.username, role: user.role, permissions: ROLE_PERMISSIONS[user.role], apiKeyId, expiresAt };
  }
}
