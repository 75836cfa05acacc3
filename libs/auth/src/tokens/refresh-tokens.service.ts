import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { Unauthorized } from '@app/core';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { JwtCodec } from './jwt-codec';
import { REFRESH_TOKEN_TTL_SECONDS, RefreshClaims } from './token-claims';

/**
 * Rotating refresh tokens (OAuth 2.0 Security BCP, RFC 9700 §4.14): each use consumes the token
 * with a conditional update, so of two concurrent uses exactly one wins; a token presented again
 * is treated as stolen and its whole family is revoked.
 */
@Injectable()
export class RefreshTokensService {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    private readonly jwt: JwtCodec,
  ) {}

  async issue(userId: string, familyId: string = randomUUID()): Promise<string> {
    const id = randomUUID();
    await this.tokens.insert({ id, familyId, userId, expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000) });
    return this.jwt.sign({ sub: userId, type: 'refresh', jti: id, fam: familyId } satisfies RefreshClaims, REFRESH_TOKEN_TTL_SECONDS);
  }

  /** Consumes the token and returns its owner's id and family; any failure is a 401. */
  async consume(token: string): Promise<{ userId: string; familyId: string }> {
    const claims = this.jwt.verify<RefreshClaims>(token, 'refresh');
    const { affected } = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where({ id: claims.jti, usedAt: IsNull(), revokedAt: IsNull() })
      .andWhere('expires_at > now()')
      .execute();
    if (!affected) {
      await this.revokeFamily(claims.fam);
      throw Unauthorized('Refresh token is invalid or was already used; please log in again');
    }
    return { userId: claims.sub, familyId: claims.fam };
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** Every session of a user ends: after a password change, a role change or a deactivation. */
  async revokeAllForUser(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** Logout: the family of the presented token (even an expired or used one) stops working. */
  async revokeByToken(token: string): Promise<void> {
    const claims = this.jwt.verify<RefreshClaims>(token, 'refresh');
    await this.revokeFamily(claims.fam);
  }
}
