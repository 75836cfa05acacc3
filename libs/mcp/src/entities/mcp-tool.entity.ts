import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const TOOL_STATUSES = ['draft', 'active', 'deprecated', 'archived'] as const;
export type ToolStatus = (typeof TOOL_STATUSES)[number];

@Entity('mcp_tools')
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

  /** Bumped on every change; the ETag and If-Match compare it. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
