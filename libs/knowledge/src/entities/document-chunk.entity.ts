import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentEntity } from './document.entity';

/** Also recorded in typeorm_metadata by the migration that declares it, so the two never differ. */
export const TSV_EXPRESSION = "to_tsvector('english', content)";

/** A slice of a document (`content === document.content.slice(startOffset, endOffset)`). */
@Entity('document_chunks')
@Index('idx_document_chunks_document', ['documentId'])
@Index('idx_document_chunks_tsv', ['tsv'], { type: 'gin' })
export class DocumentChunkEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'document_chunks_document_id_fkey' })
  document?: DocumentEntity;

  @Column({ type: 'uuid' })
  embeddingId: string;

  @Column({ type: 'integer' })
  chunkIndex: number;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'integer' })
  startOffset: number;

  @Column({ type: 'integer' })
  endOffset: number;

  @Column({ type: 'real', array: true, nullable: true })
  embedding: number[] | null;

  /** Full-text vector kept by PostgreSQL itself; only search SQL reads it. */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: TSV_EXPRESSION,
    select: false,
    insert: false,
    update: false,
    nullable: true,
  })
  tsv?: string;
}
