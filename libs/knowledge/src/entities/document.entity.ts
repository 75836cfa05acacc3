import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type EmbeddingStatus = 'pending' | 'ready' | 'failed';

@Entity('documents')
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
