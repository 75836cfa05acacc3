import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EmbeddingsProvider } from './providers/embeddings.provider';
import { VectorIndex } from './search/vector-index';
import { toVectorLiteral } from './search/vector-literal';

const BATCH = 64;
const REINDEX_PAGE = 100;

/** Worker side: computes chunk vectors. Re-running a job only fills what is still missing. */
@Injectable()
export class DocumentEmbedder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly embeddings: EmbeddingsProvider,
    private readonly vectorIndex: VectorIndex,
  ) {}

  /** Embeds the chunks of one embedding generation; a stale id (the document changed since) is a no-op. */
  async embed(documentId: string, embeddingId: string): Promise<void> {
    const chunks: { id: string; content: string }[] = await this.dataSource.query(
      'SELECT id, content FROM document_chunks WHERE document_id = $1 AND embedding_id = $2 AND embedding IS NULL ORDER BY chunk_index',
      [documentId, embeddingId],
    );
    const dimension = await this.store(documentId, chunks);
    await this.dataSource.query(
      `UPDATE documents SET embedding_status = 'ready', embedding_dimension = COALESCE($3, embedding_dimension) WHERE id = $1 AND embedding_id = $2`,
      [documentId, embeddingId, dimension],
    );
  }

  /** After the last attempt: the document stays full-text searchable and says its vectors failed. */
  async markFailed(documentId: string, embeddingId: string): Promise<void> {
    await this.dataSource.query(`UPDATE documents SET embedding_status = 'failed' WHERE id = $1 AND embedding_id = $2`, [documentId, embeddingId]);
  }

  /** Re-embeds every document with the current provider (after EMBEDDINGS_PROVIDER changed). */
  async reindex(report: (progress: number, message: string) => Promise<void>): Promise<{ documents: number; model: string }> {
    const model = this.embeddings.get().name;
    const [{ total }] = await this.dataSource.query('SELECT count(*)::int AS total FROM documents');
    let done = 0;
    for (let offset = 0; offset < total; offset += REINDEX_PAGE) {
      const documents: { id: string; embedding_id: string }[] = await this.dataSource.query(
        'SELECT id, embedding_id FROM documents ORDER BY id LIMIT $1 OFFSET $2',
        [REINDEX_PAGE, offset],
      );
      for (const document of documents) {
        const chunks = await this.dataSource.query('SELECT id, content FROM document_chunks WHERE document_id = $1 AND embedding_id = $2', [
          document.id,
          document.embedding_id,
        ]);
        const dimension = await this.store(document.id, chunks);
        await this.dataSource.query(
          `UPDATE documents SET embedding_model = $2, embedding_dimension = COALESCE($3, embedding_dimension), embedding_status = 'ready' WHERE id = $1`,
          [document.id, model, dimension],
        );
      }
      done += documents.length;
      await report(Math.round((100 * done) / Math.max(1, total)), `Re-embedded ${done} of ${total} documents`);
    }
    return { documents: done, model };
  }

  /** Writes the chunks' vectors; returns their dimension (null when there was nothing to embed). */
  private async store(documentId: string, chunks: { id: string; content: string }[]): Promise<number | null> {
    const { embeddings } = this.embeddings.get();
    let dimension: number | null = null;
    for (let i = 0; i < chunks.length; i += BATCH) {
      const batch = chunks.slice(i, i + BATCH);
      const vectors = await embeddings.embedDocuments(batch.map((c) => c.content));
      dimension = vectors[0]?.length ?? dimension;
      const indexed = vectors.length > 0 && (await this.vectorIndex.accepts(vectors[0]));
      const sql = indexed
        ? 'UPDATE document_chunks SET embedding = $2::real[], embedding_vec = $3::vector WHERE id = $1'
        : 'UPDATE document_chunks SET embedding = $2::real[] WHERE id = $1';
      await this.dataSource.transaction(async (manager) => {
        // The document row first, as an update of the document does (FOR UPDATE, then its chunks):
        // locking chunks in another order deadlocked against a concurrent content change.
        await manager.query('SELECT 1 FROM documents WHERE id = $1 FOR SHARE', [documentId]);
        for (const [j, chunk] of batch.entries()) {
          const params = [chunk.id, vectors[j], ...(indexed ? [toVectorLiteral(vectors[j])] : [])];
          await manager.query(sql, params);
        }
      });
    }
    return dimension;
  }
}
