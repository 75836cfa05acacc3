import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@app/core';
import { JwtCodec } from './jwt-codec';
import { unverifiedSubject } from './unverified-subject';

const USER_ID = '0b6a6d2e-4a59-4f43-9d7e-1c2b3a4d5e6f';

describe('unverifiedSubject', () => {
  it("reads a token's sub without its signature being checked", () => {
    const codec = new JwtCodec(new JwtService(), { jwtSecret: 'unit-test-secret-that-is-long-enough-0123' } as AppConfig);
    expect(unverifiedSubject(codec.sign({ sub: USER_ID, type: 'access' }, 60))).toBe(USER_ID);
  });

  it('gives nothing for what is not a JWT or has no uuid sub', () => {
    const payload = (claims: object) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.y`;
    for (const token of ['', 'not-a-jwt', 'a.!!!.b', payload({}), payload({ sub: 42 }), payload({ sub: 'admin:*' })]) {
      expect(unverifiedSubject(token)).toBeUndefined();
    }
  });
});
