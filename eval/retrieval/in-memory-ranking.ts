import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { chunkDocument } from '@app/knowledge';
import { EvalDocument, EvalQuery } from './retrieval-dataset';

/**
 * Vector-only ranking without a database, as a quick check of an embeddings provider: each
 * document ("title\n\ncontent") is chunked like an upload and scores the best cosine similarity of
 * its chunks. Returns each query's document ids, best first.
 */
export async function rankByEmbeddings(
  embeddings: EmbeddingsInterface,
  documents: readonly EvalDocument[],
  queries: readonly EvalQuery[],
): Promise<Map<string, string[]>> {
  const chunks: { documentId: string; content: string }[] = [];
  for (const document of documents) {
    for (const chunk of await chunkDocument(`${document.title}\n\n${document.content}`)) {
      chunks.push({ documentId: document.id, content: chunk.content });
    }
  }
  const chunkVectors = await embeddings.embedDocuments(chunks.map((chunk) => chunk.content));
  const rankings = new Map<string, string[]>();
  for (const query of queries) {
    const queryVector = await embeddings.embedQuery(query.query);
    const best = new Map<string, number>();
    chunkVectors.forEach((vector, index) => {
      const score = cosine(queryVector, vector);
      const documentId = chunks[index].documentId;
      best.set(documentId, Math.max(best.get(documentId) ?? -Infinity, score));
    });
    rankings.set(query.id, [...best].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id));
  }
  return rankings;
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let d = 0; d < a.length; d += 1) {
    dot += a[d] * b[d];
    normA += a[d] * a[d];
    normB += b[d] * b[d];
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
