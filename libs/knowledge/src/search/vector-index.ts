import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The dimension of the pgvector column (see the KnowledgePgvector migration). */
export const INDEXED_DIMENSION = 100;

/** Whether this database has the pgvector column and HNSW index; asked once per process. */
@Injectable()
export class VectorIndex {
  private available?: Promise<boolean>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  isAvailable(): Promise<boolean> {
    this.available ??= this.dataSource
      .query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'document_chunks' AND column_name = 'embedding_vec'`)
      .then((rows: unknown[]) => rows.length > 0);
    return this.available;
  }

  /** Whether a vector of this length can use the index (other providers' dimensions stay exact). */
  async accepts(vector: number[]): Promise<boolean> {
    return vector.length === INDEXED_DIMENSION && (await this.isAvailable());
  }
}
