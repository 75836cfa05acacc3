import { join } from 'node:path';
import { readEvalDocuments, readEvalQueries } from '../eval/retrieval/retrieval-dataset';
import { meanScores } from '../eval/retrieval/metrics';
import { hybridSearchStatement, LocalEmbeddings } from '../libs/knowledge/src/nest-free';
import { registerAndLogin } from '../test/support/accounts';
import { http } from '../test/support/http';
import { Platform } from '../test/support/platform';
import { ROOT } from '../test/support/service-process';

const K = 10;

/**
 * The retrieval evaluation: the judged corpus is uploaded through the API, embedded by the worker,
 * then every query is ranked by the platform's own search SQL with full-text only, vector only and
 * both fused, and scored with recall@10 and nDCG@10.
 */
async function main(): Promise<void> {
  const platform = await new Platform({ workers: 1, env: { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000' } }).start();
  try {
    const dev = await registerAndLogin(platform.api.url);
    const dataset = join(ROOT, 'eval', 'retrieval');
    const documents = readEvalDocuments(dataset);
    const queries = readEvalQueries(dataset);
    const idOf = new Map<string, string>();
    for (const doc of documents) {
      const res = await http(platform.api.url, 'POST', '/api/v1/knowledge/documents', {
        token: dev.token,
        json: { title: doc.title, content: doc.content, metadata: { tags: doc.tags, source: doc.source, language: doc.language } },
      });
      idOf.set(res.body.document_id, doc.id);
    }
    for (;;) {
      const [{ pending }] = await platform.sql<{ pending: number }>(`SELECT count(*)::int AS pending FROM documents WHERE embedding_status <> 'ready'`);
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const embeddings = new LocalEmbeddings();
    const modes = { 'full-text only': [true, false], 'vector only': [false, true], hybrid: [true, true] } as const;
    console.log(`retrieval evaluation: ${documents.length} documents, ${queries.length} judged queries, k=${K}`);
    for (const [label, [fullText, vectors]] of Object.entries(modes)) {
      const rankings = new Map<string, string[]>();
      for (const query of queries) {
        const vector = await embeddings.embedQuery(query.query);
        const statement = hybridSearchStatement({ query: query.query, vector, model: embeddings.model, limit: K, fullText, vectors }, false);
        const rows = await platform.sql<{ document_id: string }>(statement.sql, statement.params);
        rankings.set(query.id, rows.map((row) => idOf.get(row.document_id) as string));
      }
      const all = meanScores(queries, rankings, K);
      const paraphrase = meanScores(queries.filter((q) => q.kind === 'paraphrase'), rankings, K);
      console.log(
        `  ${label.padEnd(15)} recall@10 ${all.recall.toFixed(3)}  nDCG@10 ${all.ndcg.toFixed(3)}   (paraphrase queries: ${paraphrase.recall.toFixed(3)} / ${paraphrase.ndcg.toFixed(3)})`,
      );
    }
  } finally {
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
