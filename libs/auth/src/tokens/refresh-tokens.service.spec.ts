import { JwtService } from '@nestjs/jwt';
import type { Repository } from 'typeorm';
import type { AppConfig } from '@app/core';
import type { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { JwtCodec } from './jwt-codec';
import { RefreshTokensService } from './refresh-tokens.service';

type Row = Pick<RefreshTokenEntity, 'id' | 'familyId' | 'userId' | 'expiresAt' | 'usedAt' | 'revokedAt'>;
const isOpen = (row: Row) => !row.usedAt && !row.revokedAt;

/**
 * The service with its repository mocked by rows in memory. The mock keeps the one property the
 * service relies on: the consuming UPDATE only matches an unused, unrevoked, unexpired row.
 */
function newTestService() {
  const rows = new Map<string, Row>();
  const repository = {
    insert: async (row: Omit<Row, 'usedAt' | 'revokedAt'>) => void rows.set(row.id, { ...row, usedAt: null, revokedAt: null }),
    createQueryBuilder: () => {
      let id = '';
      const qb = {
        update: () => qb,
        set: () => qb,
        where: (criteria: { id: string }) => ((id = criteria.id), qb),
        andWhere: () => qb,
        execute: async () => {
          const row = rows.get(id);
          if (!row || !isOpen(row) || row.expiresAt <= new Date()) return { affected: 0 };
          row.usedAt = new Date();
          return { affected: 1 };
        },
      };
      return qb;
    },
    update: async (criteria: { familyId?: string; userId?: string }) => {
      for (const row of rows.values()) {
        const matches = criteria.familyId ? row.familyId === criteria.familyId : row.userId === criteria.userId;
        if (matches && !row.revokedAt) row.revokedAt = new Date();
      }
    },
  } as unknown as Repository<RefreshTokenEntity>;
  const codec = new JwtCodec(new JwtService(), { jwtSecret: 'unit-test-secret-that-is-long-enough-0123' } as AppConfig);
  return { service: new RefreshTokensService(repository, codec), rows, codec };
}

describe('RefreshTokensService rotation', () => {
  it('consumes a token once and returns its user and family', async () => {
    const { service } = newTestService();
    const token = await service.issue('user-1', 'family-1');
    await expect(service.consume(token)).resolves.toEqual({ userId: 'user-1', familyId: 'family-1' });
  });

  it('treats a used token presented again as stolen: 401 and its whole family revoked', async () => {
    const { service, rows } = newTestService();
    const first = await service.issue('user-1');
    const { familyId } = await service.consume(first);
    const rotated = await service.issue('user-1', familyId);
    await expect(service.consume(first)).rejects.toMatchObject({ status: 401 });
    expect([...rows.values()].every((row) => row.revokedAt)).toBe(true);
    await expect(service.consume(rotated)).rejects.toMatchObject({ status: 401 });
  });

  it('lets exactly one of two concurrent uses win', async () => {
    const { service } = newTestService();
    const token = await service.issue('user-1');
    const results = await Promise.allSettled([service.consume(token), service.consume(token)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('refuses an expired row and an access token', async () => {
    const { service, rows, codec } = newTestService();
    const token = await service.issue('user-1');
    for (const row of rows.values()) row.expiresAt = new Date(Date.now() - 1000);
    await expect(service.consume(token)).rejects.toMatchObject({ status: 401 });
    const access = codec.sign({ sub: 'user-1', role: 'developer', type: 'access' }, 60);
    await expect(service.consume(access)).rejects.toMatchObject({ status: 401 });
  });

  it('logs out by revoking the family, even with an already used token', async () => {
    const { service } = newTestService();
    const first = await service.issue('user-1', 'family-1');
    await service.consume(first);
    const rotated = await service.issue('user-1', 'family-1');
    await service.revokeByToken(first);
    await expect(service.consume(rotated)).rejects.toMatchObject({ status: 401 });
  });
});
