import { Injectable } from '@nestjs/common';
import { Unauthorized } from '@app/core';
import { ApiKeysService } from './api-keys/api-keys.service';
import type { AuthUser } from './auth-user';
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

  async authenticate(credentials: { bearer?: string; apiKey?: string }): Promise<AuthUser> {
    let userId: string;
    let apiKeyId: string | undefined;
    if (credentials.bearer) {
      userId = this.jwt.verify<AccessClaims>(credentials.bearer, 'access').sub;
    } else if (credentials.apiKey) {
      const key = await this.apiKeys.resolve(credentials.apiKey);
      if (!key) throw Unauthorized('Invalid, revoked or expired API key');
      userId = key.userId;
      apiKeyId = key.id;
    } else {
      throw Unauthorized('Missing credentials');
    }
    const user = await this.users.findActive(userId);
    if (!user) throw Unauthorized();
    return { id: user.id, username: user.username, role: user.role, permissions: ROLE_PERMISSIONS[user.role], apiKeyId };
  }
}
