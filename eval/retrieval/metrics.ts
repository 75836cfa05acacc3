/**
 * Ranking metrics for the retrieval evaluation. Judgements map a document id to a graded relevance
 * (1 = partly relevant, 2 = answers the query); ids that are absent or graded 0 are not relevant.
 */
export type Judgements = Readonly<Record<string, number>>;

export interface RankingScores {
  recall: number;
  ndcg: number;
}

/** Share of the relevant documents that appear among the first k results. */
export function recallAtK(ranked: readonly string[], judgements: Judgements, k: number): number {
  const relevant = relevantIds(judgements);
  const found = new Set(ranked.slice(0, k).filter((id) => relevant.has(id)));
  return found.size / relevant.size;
}

/**
 * Normalised discounted cumulative gain with exponential gain 2^grade - 1, so a document that
 * answers the query is worth three partly relevant ones, and a log2(position + 1) discount.
 * A document listed twice only counts at its first position.
 */
export function ndcgAtK(ranked: readonly string[], judgements: Judgements, k: number): number {
  relevantIds(judgements);
  const seen = new Set<string>();
  let dcg = 0;
  ranked.slice(0, k).forEach((id, index) => {
    if (seen.has(id)) return;
    seen.add(id);
    dcg += gain(judgements[id] ?? 0) / Math.log2(index + 2);
  });
  const ideal = Object.values(judgements)
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, index) => sum + gain(grade) / Math.log2(index + 2), 0);
  return dcg / ideal;
}

/** Mean recall@k and nDCG@k over queries; `rankings` holds each query's ranked document ids. */
export function meanScores(
  queries: readonly { id: string; relevant: Judgements }[],
  rankings: ReadonlyMap<string, readonly string[]>,
  k: number,
): RankingScores {
  if (queries.length === 0) throw new RangeError('no queries to score');
  let recall = 0;
  let ndcg = 0;
  for (const query of queries) {
    const ranked = rankings.get(query.id) ?? [];
    recall += recallAtK(ranked, query.relevant, k);
    ndcg += ndcgAtK(ranked, query.relevant, k);
  }
  return { recall: recall / queries.length, ndcg: ndcg / queries.length };
}

function gain(grade: number): number {
  return grade > 0 ? 2 ** grade - 1 : 0;
}

function relevantIds(judgements: Judgements): Set<string> {
  const ids = new Set(Object.keys(judgements).filter((id) => judgements[id] > 0));
  // A query without relevant documents has no defined recall; it is a mistake in the data set.
  if (ids.size === 0) throw new RangeError('judgements name no relevant document');
  return ids;
}
