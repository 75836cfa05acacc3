import { Injectable } from '@nestjs/common';
import { Unauthorized } from '@app/core';
import { PasswordHasher } from './passwords/password-hasher';
import { ACCESS_TOKEN_TTL_SECONDS } from './tokens/token-claims';
import { JwtCodec } from './tokens/jwt-codec';
import { RefreshTokensService } from './tokens/refresh-tokens.service';
import { UsersService } from './users/users.service';
import type { UserEntity } from './entities/user.entity';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtCodec,
    private readonly refreshTokens: RefreshTokensService,
  ) {}

  /** One answer for an unknown user and a wrong password, after the same argon2 work. */
  async login(username: string, password: string): Promise<TokenPair> {
    const user = await this.users.findByUsername(username);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok || !user.isActive) throw Unauthorized('Invalid username or password');
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.updatePasswordHash(user.id, await this.hasher.hash(password));
    }
    return this.tokensFor(user, await this.refreshTokens.issue(user.id));
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const { userId, familyId } = await this.refreshTokens.consume(refreshToken);
    const user = await this.users.findActive(userId);
    if (!user) throw Unauthorized();
    return this.tokensFor(user, await this.refreshTokens.issue(user.id, familyId));
  }

  /** Needs the current password; every refresh token of the user is revoked (other sessions end). */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findActive(userId);
    if (!user) throw Unauthorized();
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) throw Unauthorized('Current password is incorrect');
    await this.users.updatePasswordHash(user.id, await this.hasher.hash(newPassword));
    await this.refreshTokens.revokeAllForUser(user.id);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeByToken(refreshToken);
  }

  private tokensFor(user: UserEntity, refreshToken: string): TokenPair {
    return {
      access_token: this.jwt.sign({ sub: user.id, role: user.role, type: 'access' }, ACCESS_TOKEN_TTL_SECONDS),
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
    };
  }
}
