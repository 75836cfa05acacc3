import { toVectorLiteral } from './vector-literal';

/**
 * Hybrid ranking in one statement: the top 50 chunks by full-text rank (`websearch_to_tsquery`,
 * `ts_rank_cd`) and the top 50 by exact cosine (dot product of L2-normalised `real[]` vectors)
 * are fused by reciprocal rank fusion (k = 60); each document is represented by its best chunk.
 * Exact search scans every candidate vector: fine to ~100k chunks on one core (see bench/), beyond
 * that pgvector's HNSW index is the way.
 *
 * $1 query text, $2 query vector, $3 tags (any) or null, $4 source or null, $5 language or null,
 * $6 embedding model, $7 limit, $8 / $9 whether the full-text / vector side takes part (the
 * retrieval evaluation switches one off to measure the other alone).
 */
const HYBRID_SEARCH_TEMPLATE = `
WITH q AS (SELECT websearch_to_tsquery('english', $1) AS tsq),
candidates AS (
  SELECT c.id, c.document_id, c.content, c.tsv,
         CASE WHEN d.embedding_model = $6 THEN c.embedding END AS embedding
  FROM document_chunks c
  JOIN documents d ON d.id = c.document_id AND d.embedding_id = c.embedding_id
  WHERE ($3::text[] IS NULL OR d.tags && $3::text[])
    AND ($4::text IS NULL OR d.source = $4)
    AND ($5::text IS NULL OR d.language = $5)
),
fts AS (
  SELECT c.id, row_number() OVER (ORDER BY ts_rank_cd(c.tsv, q.tsq) DESC, c.id) AS r
  FROM candidates c, q
  WHERE $8 AND c.tsv @@ q.tsq
  ORDER BY r LIMIT 50
),
vec AS (VECTOR_SIDE),
fused AS (
  SELECT id, sum(1.0 / (60 + r)) AS score FROM (SELECT id, r FROM fts UNION ALL SELECT id, r FROM vec) ranked GROUP BY id
),
best AS (
  SELECT DISTINCT ON (c.document_id) c.document_id, c.content, f.score,
         COALESCE(knowledge_dot(c.embedding, $2::real[]), 0) AS cosine
  FROM fused f JOIN candidates c ON c.id = f.id
  ORDER BY c.document_id, f.score DESC, c.id
)
SELECT b.document_id, d.title, d.metadata, b.content, b.score, b.cosine
FROM best b JOIN documents d ON d.id = b.document_id
ORDER BY b.score DESC, b.document_id
LIMIT $7`;

const EXACT_VECTOR_SIDE = `
  SELECT c.id, row_number() OVER (ORDER BY knowledge_dot(c.embedding, $2::real[]) DESC, c.id) AS r
  FROM candidates c
  WHERE $9 AND c.embedding IS NOT NULL AND cardinality(c.embedding) = cardinality($2::real[])
  ORDER BY r LIMIT 50`;

/** pgvector returns at most ef_search rows from the index (default 40); the HNSW side asks for 200. */
export const HNSW_SESSION_SQL = 'SET LOCAL hnsw.ef_search = 200';

/**
 * With pgvector: the HNSW index finds the 200 nearest chunks ($10, the query as a vector literal),
 * then the filters apply; approximate, so a narrow filter may see fewer than 50 candidates.
 */
const HNSW_VECTOR_SIDE = `
  SELECT n.id, row_number() OVER (ORDER BY n.distance, n.id) AS r
  FROM (SELECT ch.id, ch.embedding_vec <=> $10::vector AS distance FROM document_chunks ch
        WHERE $9 AND ch.embedding_vec IS NOT NULL ORDER BY ch.embedding_vec <=> $10::vector LIMIT 200) n
  JOIN candidates c ON c.id = n.id
  ORDER BY r LIMIT 50`;

export const HYBRID_SEARCH_SQL = HYBRID_SEARCH_TEMPLATE.replace('VECTOR_SIDE', EXACT_VECTOR_SIDE);
export const HYBRID_SEARCH_HNSW_SQL = HYBRID_SEARCH_TEMPLATE.replace('VECTOR_SIDE', HNSW_VECTOR_SIDE);

export interface SearchArgs {
  query: string;
  vector: number[];
  tags?: string[] | null;
  source?: string | null;
  language?: string | null;
  model: string;
  limit: number;
  fullText?: boolean;
  vectors?: boolean;
}

/** The statement and its parameters; `hnsw` picks the pgvector index over the exact scan. */
export function hybridSearchStatement(args: SearchArgs, hnsw: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [
    args.query,
    args.vector,
    args.tags?.length ? args.tags : null,
    args.source ?? null,
    args.language ?? null,
    args.model,
    args.limit,
    args.fullText ?? true,
    args.vectors ?? true,
  ];
  return hnsw ? { sql: HYBRID_SEARCH_HNSW_SQL, params: [...params, toVectorLiteral(args.vector)] } : { sql: HYBRID_SEARCH_SQL, params };
}
