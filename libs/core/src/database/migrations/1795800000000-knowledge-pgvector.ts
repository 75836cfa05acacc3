import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where the server offers pgvector, chunks also get a `vector(100)` column (the local embeddings'
 * dimension) with an HNSW cosine index; elsewhere nothing changes and search stays exact on real[].
 */
export class KnowledgePgvector1795800000000 implements MigrationInterface {
  name = 'KnowledgePgvector1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [available] = await queryRunner.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
    if (!available) return;
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS vector');
    await queryRunner.query('ALTER TABLE document_chunks ADD COLUMN embedding_vec vector(100)');
    await queryRunner.query('CREATE INDEX idx_document_chunks_hnsw ON document_chunks USING hnsw (embedding_vec vector_cosine_ops)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS idx_document_chunks_hnsw');
    await queryRunner.query('ALTER TABLE document_chunks DROP COLUMN IF EXISTS embedding_vec');
  }
}
