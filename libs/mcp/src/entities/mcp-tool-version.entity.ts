import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@app/auth';
import { McpToolEntity } from './mcp-tool.entity';

export const CHANGE_TYPES = ['create', 'update', 'sync', 'rollback'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** An immutable snapshot written with every change of a tool. */
@Entity('mcp_tool_versions')
@Index('idx_mcp_tool_versions_tool', ['toolId', 'id'])
@Check('mcp_tool_versions_change_type_check', `change_type IN ('create', 'update', 'sync', 'rollback')`)
@Check('chk_mcp_tool_versions_user_actor', `changed_by_actor <> 'user' OR changed_by IS NOT NULL`)
export class McpToolVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  toolId: string;

  @ManyToOne(() => McpToolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tool_id', foreignKeyConstraintName: 'mcp_tool_versions_tool_id_fkey' })
  tool?: McpToolEntity;

  @Column({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'varchar', length: 16 })
  changeType: ChangeType;

  @Column({ type: 'jsonb' })
  config: Record<string, unknown>;

  /** The user who made the change or on whose behalf it was made; null when the platform acted alone. */
  @Column({ type: 'uuid', nullable: true })
  changedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'changed_by', foreignKeyConstraintName: 'mcp_tool_versions_changed_by_fkey' })
  changedByUser?: UserEntity | null;

  /** `user`, or the part of the platform that made the change (e.g. `github-sync`); see Actor. */
  @Column({ type: 'varchar', length: 64, default: 'user' })
  changedByActor: string;

  /** The repository commit a `sync` version came from. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  commitSha: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
