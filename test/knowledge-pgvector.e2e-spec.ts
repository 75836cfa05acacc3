import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { readEvalDocuments, readEvalQueries } from '../eval/retrieval/retrieval-dataset';
import { LocalEmbeddings } from '../libs/knowledge/src/embeddings/local-embeddings';
import { hybridSearchStatement } from '../libs/knowledge/src/search/hybrid-search.sql';
import { registerAndLogin } from './support/accounts';
import { freePort } from './support/free-port';
import { http } from './support/http';
import { Platform } from './support/platform';
import { ROOT } from './support/service-process';

const DOCUMENTS = 80;
const QUERIES = 40;
const { runMigrations } = require(join(ROOT, 'dist/apps/api/libs/core/src/database/run-migrations.js'));

/**
 * The pgvector path, for real: the platform's migrations on PGlite with pgvector (served over the
 * wire protocol) add the HNSW-indexed column, and its HNSW search statement must rank the same
 * data like the exact fallback does on this machine's PostgreSQL 15.
 */
describe('knowledge search: pgvector HNSW (PGlite) vs exact fallback (PostgreSQL)', () => {
  const platform = new Platform({ workers: 1 });
  let pglite: ChildProcess;
  let lite: Client;

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

    const port = await freePort();
    pglite = spawn(process.execPath, [join(__dirname, 'support/pglite-server.cjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => pglite.stdout?.once('data', resolve));
    const liteUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await runMigrations(liteUrl);
    lite = new Client({ connectionString: liteUrl });
    await lite.connect();
    // The same rows on both servers; on PGlite the vector column is filled as the embedder fills it.
    const copy = async (table: string, columns: string) => {
      for (const row of await platform.sql<Record<string, unknown>>(`SELECT ${columns} FROM ${table}`)) {
        const names = Object.keys(row);
        await lite.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
      }
    };
    await copy('users', 'id, username, email, password_hash, role');
    await copy('documents', 'id, title, content, metadata, tags, source, language, owner_id, embedding_id, embedding_model, embedding_status');
    await copy('document_chunks', 'id, document_id, embedding_id, chunk_index, content, start_offset, end_offset, embedding');
    await lite.query('UPDATE document_chunks SET embedding_vec = embedding::vector');
  }, 180_000);

  afterAll(async () => {
    await lite?.end();
    pglite?.kill('SIGTERM');
    await platform.stop();
  });

  it('adds the HNSW index only where pgvector exists', async () => {
    const index = `SELECT 1 FROM pg_indexes WHERE indexname = 'idx_document_chunks_hnsw'`;
    expect((await lite.query(index)).rows).toHaveLength(1);
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
      const b = (await lite.query(hnsw.sql, hnsw.params)).rows.map((r: { document_id: string }) => r.document_id);
      expect(a).toHaveLength(5);
      if (a.slice(0, 3).join() === b.slice(0, 3).join()) sameTop3++;
      overlap += a.filter((id) => b.includes(id)).length / Math.max(1, a.length);
    }
    expect(sameTop3 / queries.length).toBeGreaterThanOrEqual(0.9);
    expect(overlap / queries.length).toBeGreaterThanOrEqual(0.95);
  });
});
