import { join } from 'node:path';
import { readEvalDocuments, readEvalQueries } from '../eval/retrieval/retrieval-dataset';
import { HNSW_SESSION_SQL, hybridSearchStatement, LocalEmbeddings } from '../libs/knowledge/src/nest-free';
import { copyKnowledge } from './support/pglite-copy';
import { registerAndLogin } from './support/accounts';
import { http } from './support/http';
import { Platform } from './support/platform';
import { startPglite } from './support/pglite';
import { ROOT } from './support/service-process';

const DOCUMENTS = 80;
const QUERIES = 40;

/**
 * The pgvector path, for real: the platform's migrations on PGlite with pgvector (served over the
 * wire protocol) add the HNSW-indexed column, and its HNSW search statement must rank the same
 * data like the exact fallback does on this machine's PostgreSQL 15.
 */
describe('knowledge search: pgvector HNSW (PGlite) vs exact fallback (PostgreSQL)', () => {
  const platform = new Platform({ workers: 1 });
  let pglite: Awaited<ReturnType<typeof startPglite>>;

  beforeAll(async () => {
    await platform.start();
    const dev = await registerAndLogin(platform.api.url);
    for (const doc of readEvalDocuments(join(ROOT, 'eval', 'retrieval')).slice(0, DOCUMENTS)) {
      await http(platform.api.url, 'POST', '/api/v1/knowledge/documents', {
        token: dev.token,
        json: { title: doc.title, content: doc.content, metadata: { tags: doc.tags, source: doc.source, language: doc.language } },
      });
    }
    for (let pending = 1; pending > 0; await new Promise((r) => setTimeout(r, 100))) {
      [{ pending }] = await platform.sql<{ pending: number }>(`SELECT count(*)::int AS pending FROM documents WHERE embedding_status <> 'ready'`);
    }

    pglite = await startPglite();
    // The same rows on both servers; on PGlite the vector column is filled as the embedder fills it.
    await copyKnowledge(platform, pglite.client);
  }, 180_000);

  afterAll(async () => {
    await pglite?.stop();
    await platform.stop();
  });

  it('adds the HNSW index only where pgvector exists', async () => {
    const index = `SELECT 1 FROM pg_indexes WHERE indexname = 'idx_document_chunks_hnsw'`;
    expect((await pglite.client.query(index)).rows).toHaveLength(1);
    expect(await platform.sql(index)).toHaveLength(0);
  });

  it('returns the same top results from both paths', async () => {
    const embeddings = new LocalEmbeddings();
    let sameTop3 = 0;
    let overlap = 0;
    const queries = readEvalQueries(join(ROOT, 'eval', 'retrieval')).slice(0, QUERIES);
    for (const query of queries) {
      const args = { query: query.query, vector: await embeddings.embedQuery(query.query), model: embeddings.model, limit: 5 };
      const exact = hybridSearchStatement(args, false);
      const hnsw = hybridSearchStatement(args, true);
      const a = (await platform.sql<{ document_id: string }>(exact.sql, exact.params)).map((r) => r.document_id);
      await pglite.client.query('BEGIN');
      await pglite.client.query(HNSW_SESSION_SQL);
      const b = (await pglite.client.query(hnsw.sql, hnsw.params)).rows.map((r: { document_id: string }) => r.document_id);
      await pglite.client.query('COMMIT');
      expect(a).toHaveLength(5);
      if (a.slice(0, 3).join() === b.slice(0, 3).join()) sameTop3++;
      overlap += a.filter((id) => b.includes(id)).length / Math.max(1, a.length);
    }
    expect(sameTop3 / queries.length).toBeGreaterThanOrEqual(0.9);
    expect(overlap / queries.length).toBeGreaterThanOrEqual(0.95);
  });
});
