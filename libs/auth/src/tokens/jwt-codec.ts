import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, Unauthorized, type AppConfig } from '@app/core';
import { JWT_AUDIENCE, JWT_ISSUER } from './token-claims';

/** HS256 only (no `none`, no algorithm confusion), with issuer, audience and expiry always checked. */
@Injectable()
export class JwtCodec {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(claims: object, expiresInSeconds: number): string {
    return this.jwt.sign({ ...claims }, {
      secret: this.config.jwtSecret,
      algorithm: 'HS256',
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      expiresIn: expiresInSeconds,
    });
  }

  verify<T extends { type: string }>(token: string, type: T['type']): T {
    let claims: T & { exp?: number };
    try {
      claims = this.jwt.verify<T & { exp?: number }>(token, {
        secret: this.config.jwtSecret,
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
    } catch {
      throw Unauthorized();
    }
    if (claims.type !== type || typeof claims.exp !== 'number') throw Unauthorized();
    return claims;
  }
}
