import { MigrationInterface, QueryRunner } from 'typeorm';

export class Knowledge1795700000000 implements MigrationInterface {
  name = 'Knowledge1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(500) NOT NULL,
        content text NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        source varchar(255),
        language varchar(16),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        embedding_id uuid NOT NULL,
        embedding_model varchar(128) NOT NULL,
        embedding_dimension integer,
        embedding_status varchar(16) NOT NULL DEFAULT 'pending' CHECK (embedding_status IN ('pending', 'ready', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX idx_documents_tags ON documents USING gin (tags)');
    await queryRunner.query('CREATE INDEX idx_documents_created ON documents (created_at, id)');
    await queryRunner.query(`
      CREATE TABLE document_chunks (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        embedding_id uuid NOT NULL,
        chunk_index integer NOT NULL,
        content text NOT NULL,
        start_offset integer NOT NULL,
        end_offset integer NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
        embedding real[]
      )`);
    await queryRunner.query('CREATE INDEX idx_document_chunks_document ON document_chunks (document_id)');
    await queryRunner.query('CREATE INDEX idx_document_chunks_tsv ON document_chunks USING gin (tsv)');
    // Exact cosine over L2-normalised vectors (the fallback without pgvector): a dot product.
    await queryRunner.query(`
      CREATE FUNCTION knowledge_dot(a real[], b real[]) RETURNS double precision
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS 'SELECT sum(x * y) FROM unnest(a, b) AS t(x, y)'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION knowledge_dot(real[], real[])');
    await queryRunner.query('DROP TABLE document_chunks');
    await queryRunner.query('DROP TABLE documents');
  }
}
