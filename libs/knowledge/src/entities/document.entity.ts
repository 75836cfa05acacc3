import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@app/auth';

export type EmbeddingStatus = 'pending' | 'ready' | 'failed';

@Entity('documents')
@Check('documents_embedding_status_check', `embedding_status IN ('pending', 'ready', 'failed')`)
@Index('idx_documents_created', ['createdAt', 'id'])
@Index('idx_documents_tags', ['tags'], { type: 'gin' })
// The reconciler's scan for documents whose embedding job may have been lost.
@Index('idx_documents_embedding_pending_updated', ['updatedAt'], { where: `embedding_status = 'pending'` })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'jsonb', default: {} })
  metadata: Record<string, unknown>;

  @Column({ type: 'text', array: true, default: [] })
  tags: string[];

  @Column({ type: 'varchar', length: 255, nullable: true })
  source: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  language: string | null;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'documents_owner_id_fkey' })
  owner?: UserEntity;

  /** Identifies the current chunks and their vectors; a re-embedding gets a new one. */
  @Column({ type: 'uuid' })
  embeddingId: string;

  @Column({ type: 'varchar', length: 128 })
  embeddingModel: string;

  /** Known once the worker has embedded the chunks. */
  @Column({ type: 'integer', nullable: true })
  embeddingDimension: number | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  embeddingStatus: EmbeddingStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
