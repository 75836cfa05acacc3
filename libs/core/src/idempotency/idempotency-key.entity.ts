import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One `Idempotency-Key` a principal used on a creating POST: the request's fingerprint and, once
 * it succeeded, its response (sealed: a response may carry a secret, such as a new API key). The
 * principal is an id without a foreign key: core sits below the libs that define principals.
 */
@Entity('idempotency_keys')
@Index('idx_idempotency_keys_expires', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  principalId: string;

  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'idempotency_keys_pkey' })
  key: string;

  /** SHA-256 of method, path and canonical JSON body. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  /** Null while the first request is still being processed. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
