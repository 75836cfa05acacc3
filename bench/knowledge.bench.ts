import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEvalDocuments, readEvalQueries } from '../eval/retrieval/retrieval-dataset';
import { registerAndLogin } from '../test/support/accounts';
import { http } from '../test/support/http';
import { Platform } from '../test/support/platform';
import { ROOT } from '../test/support/service-process';
import { percentile } from './support/load';
import { HNSW_SESSION_SQL, hybridSearchStatement, LocalEmbeddings } from '../libs/knowledge/src/nest-free';
import { copyKnowledge } from '../test/support/pglite-copy';
import { startPglite } from '../test/support/pglite';
import type { Client } from 'pg';

const SUBMITTERS = 8;
const K = 10;

/** Copies documents (with their chunks and vectors) until there are at least $1 chunks. */
const GROW_SQL = `
  WITH source AS (SELECT count(*) AS n FROM document_chunks),
       copies AS (SELECT gen_random_uuid() AS id, gen_random_uuid() AS embedding_id, d.id AS original, d.title, d.content, d.metadata, d.tags, d.owner_id, d.embedding_model
                  FROM documents d, generate_series(1, GREATEST(0, ceil(($1 - (SELECT n FROM source)) / (SELECT n FROM source)::numeric))::int)),
       inserted AS (INSERT INTO documents (id, title, content, metadata, tags, owner_id, embedding_id, embedding_model, embedding_status)
                    SELECT id, title, content, metadata, tags, owner_id, embedding_id, embedding_model, 'ready' FROM copies RETURNING id)
  INSERT INTO document_chunks (document_id, embedding_id, chunk_index, content, start_offset, end_offset, embedding)
  SELECT cp.id, cp.embedding_id, c.chunk_index, c.content, c.start_offset, c.end_offset, c.embedding
  FROM copies cp JOIN documents o ON o.id = cp.original JOIN document_chunks c ON c.document_id = o.id AND c.embedding_id = o.embedding_id`;

/** HNSW search latency on PGlite and its recall@10 against exact search on the same rows (vector side only). */
async function measureHnsw(lite: Client, queries: { query: string }[], chunks: number): Promise<void> {
  const embeddings = new LocalEmbeddings();
  const latencies: number[] = [];
  let recall = 0;
  for (const { query } of queries) {
    const args = { query, vector: await embeddings.embedQuery(query), model: embeddings.model, limit: K, fullText: false };
    const t = process.hrtime.bigint();
    const hnsw = hybridSearchStatement(args, true);
    await lite.query('BEGIN');
    await lite.query(HNSW_SESSION_SQL);
    const approx = (await lite.query(hnsw.sql, hnsw.params)).rows;
    await lite.query('COMMIT');
    latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    const exact = hybridSearchStatement(args, false);
    const truth = (await lite.query(exact.sql, exact.params)).rows.map((r: { document_id: string }) => r.document_id);
    recall += approx.filter((r: { document_id: string }) => truth.includes(r.document_id)).length / Math.max(1, truth.length);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `pgvector HNSW on ${chunks} chunks (PGlite): p50 ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms   recall@10 vs exact ${(recall / queries.length).toFixed(3)}`,
  );
}

const rssMb = (pid?: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Ingest rate with local embeddings, search latency on the PostgreSQL fallback at 10k and 100k chunks, RSS. */
async function main(): Promise<void> {
  const platform = await new Platform({ workers: 1, env: { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000' } }).start();
  try {
    const url = platform.api.url;
    const dev = await registerAndLogin(url);
    const dataset = join(ROOT, 'eval', 'retrieval');
    const documents = readEvalDocuments(dataset);
    const queries = readEvalQueries(dataset);
    const started = process.hrtime.bigint();
    let next = 0;
    await Promise.all(
      Array.from({ length: SUBMITTERS }, async () => {
        while (next < documents.length) {
          const doc = documents[next++];
          await http(url, 'POST', '/api/v1/knowledge/documents', { token: dev.token, json: { title: doc.title, content: doc.content, metadata: { tags: doc.tags } } });
        }
      }),
    );
    for (;;) {
      const [{ pending }] = await platform.sql<{ pending: number }>(`SELECT count(*)::int AS pending FROM documents WHERE embedding_status <> 'ready'`);
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const ingestSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`ingest: ${documents.length} documents uploaded and embedded in ${ingestSeconds.toFixed(2)} s = ${(documents.length / ingestSeconds).toFixed(0)} docs/s (${SUBMITTERS} concurrent clients)`);
    console.log(`worker RSS with local embeddings loaded: ${rssMb(platform.workers[0].pid).toFixed(0)} MB`);

    for (const target of [10_000, 100_000]) {
      // Grow the corpus by copying the embedded chunks into new documents (vectors and text included).
      await platform.sql(GROW_SQL, [target]);
      await platform.sql('ANALYZE document_chunks');
      const [{ chunks }] = await platform.sql<{ chunks: number }>('SELECT count(*)::int AS chunks FROM document_chunks');
      const latencies: number[] = [];
      for (const query of queries.slice(0, 50)) {
        const t = process.hrtime.bigint();
        await http(url, 'POST', '/api/v1/knowledge/search', { token: dev.token, json: { query: query.query, limit: 10 } });
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      latencies.sort((a, b) => a - b);
      console.log(`search on ${chunks} chunks (PostgreSQL 15, exact vectors + full-text): p50 ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms`);
    }
    console.log(`api RSS with local embeddings loaded: ${rssMb(platform.api.pid).toFixed(0)} MB`);

    // The same documents on PGlite with pgvector: back to the original corpus, then 10k and 100k chunks.
    const pglite = await startPglite();
    try {
      await platform.sql(`DELETE FROM documents WHERE embedding_status = 'ready' AND id NOT IN (SELECT id FROM documents ORDER BY created_at LIMIT ${documents.length})`);
      await copyKnowledge(platform, pglite.client);
      for (const target of [10_000, 100_000]) await growAndMeasure(pglite.client, target, queries.slice(0, 50));
    } finally {
      await pglite.stop();
    }
    const workerStarted = process.hrtime.bigint();
    const worker = await (await platform.spawn('worker')).waitReady();
    platform.workers.push(worker);
    console.log(`worker start to ready: ${(Number(process.hrtime.bigint() - workerStarted) / 1e6).toFixed(0)} ms (local embeddings load on first use, ~150 ms)`);
  } finally {
    await platform.stop();
  }
}

/** Grows the PGlite copy to `target` chunks (perturbed copies: identical duplicates would make recall meaningless). */
async function growAndMeasure(lite: Client, target: number, queries: { query: string }[]): Promise<void> {
  await lite.query(GROW_SQL, [target]);
  await lite.query(`
    UPDATE document_chunks c SET embedding = p.v
    FROM (SELECT id, array_agg(x / norm ORDER BY i) AS v
          FROM (SELECT id, i, x, sqrt(sum(x * x) OVER (PARTITION BY id)) AS norm
                FROM (SELECT id, i, e + (random() - 0.5) * 0.05 AS x
                      FROM document_chunks, unnest(embedding) WITH ORDINALITY AS u(e, i) WHERE embedding_vec IS NULL) noisy) scaled
          GROUP BY id) p
    WHERE c.id = p.id`);
  await lite.query('UPDATE document_chunks SET embedding_vec = embedding::vector WHERE embedding_vec IS NULL');
  const [{ chunks }] = (await lite.query('SELECT count(*)::int AS chunks FROM document_chunks')).rows;
  await measureHnsw(lite, queries, chunks);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
