import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { NotFound } from '@app/core';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { AccountRevisions } from '../principals/account-revisions';

export const API_KEY_PREFIX = 'mcp_live_';
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
/** `last_used_at` is written at most this often per key and process, never on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export const isLive = (key: { expiresAt: Date | null }) => !key.expiresAt || key.expiresAt.getTime() > Date.now();

@Injectable()
export class ApiKeysService {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly revisions: AccountRevisions,
  ) {}

  /** Returns the stored row and the key itself, which is shown once and never stored. */
  async create(userId: string, name: string, expiresAt: Date | null): Promise<{ row: ApiKeyEntity; key: string }> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.keys.save(
      this.keys.create({ userId, name, expiresAt, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), keyHash: hashApiKey(key) }),
    );
    return { row, key };
  }

  list(userId: string): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  /** Through the owner's account revision: replicas that cached the key stop accepting it before this returns. */
  async revoke(userId: string, id: string): Promise<void> {
    const { affected } = await this.revisions.change(userId, () => this.keys.update({ id, userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' }));
    if (!affected) throw NotFound('api_key', id);
  }

  /** The row of a live key by its hash, or undefined for unknown, revoked and expired keys. */
  async findLive(keyHash: string): Promise<ApiKeyEntity | undefined> {
    const row = await this.keys.findOneBy({ keyHash, revokedAt: IsNull() });
    return row && isLive(row) ? row : undefined;
  }

  /** Records the key's use in `last_used_at`, at most once per LAST_USED_RESOLUTION_MS and process. */
  touch(id: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastTouched.set(id, now);
    void this.keys.update({ id }, { lastUsedAt: () => 'now()' }).catch(() => this.lastTouched.delete(id));
  }
}
