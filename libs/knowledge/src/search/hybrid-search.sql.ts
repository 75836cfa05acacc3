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
export const HYBRID_SEARCH_SQL = `
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
vec AS (
  SELECT c.id, row_number() OVER (ORDER BY knowledge_dot(c.embedding, $2::real[]) DESC, c.id) AS r
  FROM candidates c
  WHERE $9 AND c.embedding IS NOT NULL AND cardinality(c.embedding) = cardinality($2::real[])
  ORDER BY r LIMIT 50
),
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
