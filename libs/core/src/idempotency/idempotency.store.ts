import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecretBox } from '../crypto/secret-box';

/** A key is remembered this long (the replay window clients can rely on). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A first request still unfinished after this long is presumed dead (its process crashed): the key may be claimed again. */
const ABANDONED_AFTER = '2 minutes';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

/**
 * Idempotency keys in PostgreSQL (so they hold while Redis is away, which is when clients retry):
 * a conditional upsert claims a key, so two concurrent requests with one key cannot both act.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  async claim(principalId: string, key: string, fingerprint: string): Promise<Claim> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (principal_id, key, fingerprint, expires_at)
       VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (principal_id, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, response = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at < now()
            OR (idempotency_keys.response IS NULL AND idempotency_keys.created_at < now() - interval '${ABANDONED_AFTER}')
       RETURNING 1`,
      [principalId, key, fingerprint, IDEMPOTENCY_TTL_MS],
    );
    if (claimed.length > 0) return { kind: 'claimed' };
    const [row]: { fingerprint: string; response: string | null }[] = await this.dataSource.query(
      'SELECT fingerprint, response FROM idempotency_keys WHERE principal_id = $1 AND key = $2',
      [principalId, key],
    );
    if (!row) return this.claim(principalId, key, fingerprint);
    if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (row.response === null) return { kind: 'in-progress' };
    return { kind: 'replay', response: JSON.parse(this.secrets.open(row.response, context(principalId, key))) as StoredResponse };
  }

  async complete(principalId: string, key: string, response: StoredResponse): Promise<void> {
    const sealed = this.secrets.seal(JSON.stringify(response), context(principalId, key));
    await this.dataSource.query('UPDATE idempotency_keys SET response = $3 WHERE principal_id = $1 AND key = $2', [principalId, key, sealed]);
  }

  /** The request failed: forget the key, so the client's retry with it is processed afresh. */
  async release(principalId: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND response IS NULL', [principalId, key]);
  }
}

const context = (principalId: string, key: string) => `idempotency:${principalId}:${key}`;
