import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@app/auth';

export const TOOL_STATUSES = ['draft', 'active', 'deprecated', 'archived'] as const;
export type ToolStatus = (typeof TOOL_STATUSES)[number];

@Entity('mcp_tools')
@Check('mcp_tools_status_check', `status IN ('draft', 'active', 'deprecated', 'archived')`)
@Index('idx_mcp_tools_status_updated', ['status', 'updatedAt'])
@Index('idx_mcp_tools_author', ['authorId'])
export class McpToolEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Index('uq_mcp_tools_slug', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ToolStatus;

  @Column({ type: 'jsonb' })
  config: Record<string, unknown>;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'mcp_tools_author_id_fkey' })
  author?: UserEntity;

  /** Bumped on every change; the ETag and If-Match compare it. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
