import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@app/auth';
import { McpToolEntity } from '@app/mcp';

/** A tool whose definition lives in a GitHub repository; the token is sealed, never stored in clear. */
@Entity('github_connections')
@Index('uq_github_connections_tool_repository', ['toolId', 'repositoryFullName'], { unique: true })
@Index('idx_github_connections_repository', ['repositoryFullName', 'branch'])
@Index('idx_github_connections_owner_created', ['ownerId', 'createdAt'])
@Check('ck_github_connections_status', `"status" IN ('connected', 'error')`)
@Check('ck_github_connections_full_name_lower', `"repository_full_name" = lower("repository_full_name")`)
export class GithubConnectionEntity {
  /** Chosen before the insert: the token's ciphertext is bound to it. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_github_connections' })
  id: string;

  @ForeignKey(() => McpToolEntity, { name: 'fk_github_connections_tool', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  toolId: string;

  @ForeignKey(() => UserEntity, { name: 'fk_github_connections_owner', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'varchar', length: 512 })
  repositoryUrl: string;

  /** `owner/repo`, lowercased: what push webhooks are matched on. */
  @Column({ type: 'varchar', length: 256 })
  repositoryFullName: string;

  @Column({ type: 'varchar', length: 255 })
  branch: string;

  @Column({ type: 'varchar', length: 512 })
  manifestPath: string;

  /** The access token sealed by SecretBox with the connection id as associated data (key id inside). */
  @Column({ type: 'text' })
  tokenCiphertext: string;

  /** The repository webhook this connection created, deleted again on disconnect. */
  @Column({ type: 'bigint', nullable: true })
  webhookId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'connected' })
  status: 'connected' | 'error';

  @Column({ type: 'varchar', length: 64, nullable: true })
  lastSyncedSha: string | null;

  /** The manifest's blob sha at the last sync: the same blob again is a no-op. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lastSyncedBlobSha: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastSyncError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
