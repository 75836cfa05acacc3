import type { KnowledgeSource, RetrievedChunk } from '../analyzer';

/** What a result lists of the chunks an analysis was given: where they come from, never their full text. */
export function sourcesOf(chunks: readonly RetrievedChunk[] | undefined): KnowledgeSource[] | undefined {
  return chunks?.map(({ document_id, title, snippet, similarity_score }) => ({ document_id, title, snippet, similarity_score }));
}
