import { Injectable } from '@nestjs/common';
import { KnowledgeSearchService, type RankedChunk } from '@app/knowledge';
import type { RetrievedChunk } from '../analyzer';
import type { AnalysisSubject } from '../subject/analysis-subject';
import { retrievalQuery } from './retrieval-query';

const CANDIDATES = 8;
const MAX_CHUNKS = 4;
/**
 * Reciprocal rank fusion gives a chunk found by both rankings about twice the score of one found by
 * a single ranking: once some chunk matches both the words and the meaning of the tool, chunks only
 * one ranking found are noise, not context.
 */
const RELATIVE_CUTOFF = 0.6;

/** Keeps the chunks that rank close to the best one, at most MAX_CHUNKS. */
export function relevantChunks(ranked: readonly RankedChunk[]): RetrievedChunk[] {
  const best = ranked[0]?.rank_score ?? 0;
  return ranked
    .filter((chunk) => chunk.rank_score >= best * RELATIVE_CUTOFF)
    .slice(0, MAX_CHUNKS)
    .map(({ document_id, title, content, snippet, similarity_score }) => ({ document_id, title, content, snippet, similarity_score }));
}

/** Retrieval for feasibility and improvements: the platform's hybrid search over the knowledge base. */
@Injectable()
export class KnowledgeContext {
  constructor(private readonly search: KnowledgeSearchService) {}

  async for(subject: AnalysisSubject): Promise<RetrievedChunk[]> {
    const query = retrievalQuery(subject);
    if (!query) return [];
    return relevantChunks(await this.search.chunks(query.slice(0, 1000), CANDIDATES));
  }
}
