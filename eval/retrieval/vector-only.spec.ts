import { LocalEmbeddings } from '@app/knowledge';
import { rankByEmbeddings } from './in-memory-ranking';
import { meanScores } from './metrics';
import { readEvalDocuments, readEvalQueries } from './retrieval-dataset';

/**
 * Vector-only retrieval with the local embeddings, in memory: a floor on their usefulness. The
 * full-text, vector and hybrid comparison against PostgreSQL lives in the evaluation runner.
 */
describe('vector-only retrieval with local embeddings', () => {
  it('finds most judged documents in the first ten', async () => {
    const queries = readEvalQueries();
    const rankings = await rankByEmbeddings(new LocalEmbeddings(), readEvalDocuments(), queries);
    const scores = meanScores(queries, rankings, 10);
    const byKind = (kind: string) => meanScores(queries.filter((query) => query.kind === kind), rankings, 10);
    const format = ({ recall, ndcg }: { recall: number; ndcg: number }) =>
      `recall@10 ${recall.toFixed(3)}  nDCG@10 ${ndcg.toFixed(3)}`;
    console.log(
      [
        `vector only, local embeddings, ${queries.length} queries`,
        `  all         ${format(scores)}`,
        `  keyword     ${format(byKind('keyword'))}`,
        `  paraphrase  ${format(byKind('paraphrase'))}`,
      ].join('\n'),
    );
    // Measured 0.64 and 0.58 when written; a drop below these means the embeddings broke.
    expect(scores.recall).toBeGreaterThan(0.55);
    expect(scores.ndcg).toBeGreaterThan(0.5);
  });
});
