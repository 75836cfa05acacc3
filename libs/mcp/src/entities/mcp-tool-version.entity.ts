import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CHANGE_TYPES = ['create', 'update', 'sync', 'rollback'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** An immutable snapshot written with every change of a tool. */
@Entity('mcp_tool_versions')
@Index('idx_mcp_tool_versions_tool', ['toolId', 'id'])
export class McpToolVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  toolId: string;

  @Column({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'varchar', length: 16 })
  changeType: ChangeType;

  @Column({ type: 'jsonb' })
  config: Record<string, unknown>;

  /** The user who made the change or on whose behalf it was made; null when the platform acted alone. */
  @Column({ type: 'uuid', nullable: true })
  changedBy: string | null;

  /** `user`, or the part of the platform that made the change (e.g. `github-sync`); see Actor. */
  @Column({ type: 'varchar', length: 64, default: 'user' })
  changedByActor: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
