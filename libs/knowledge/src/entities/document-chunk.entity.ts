import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A slice of a document (`content === document.content.slice(startOffset, endOffset)`). */
@Entity('document_chunks')
export class DocumentChunkEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  documentId: string;

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
}
