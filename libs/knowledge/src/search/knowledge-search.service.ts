import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { snippet } from '../chunking/snippet';
import type { SearchResponseDto } from '../dto/document-responses.dto';
import { SearchDto } from '../dto/search.dto';
import { EmbeddingsProvider } from '../providers/embeddings.provider';
import { HNSW_SESSION_SQL, hybridSearchStatement } from './hybrid-search.sql';
import { VectorIndex } from './vector-index';

interface Row {
  document_id: string;
  title: string;
  metadata: Record<string, unknown>;
  content: string;
  score: number;
  cosine: number;
}

/** A document's best chunk for a query, whole, with its fused rank score: what an analysis prompt quotes. */
export interface RankedChunk {
  document_id: string;
  title: string;
  content: string;
  snippet: string;
  similarity_score: number;
  /** Reciprocal-rank-fusion score: comparable between results of one query only. */
  rank_score: number;
}

@Injectable()
export class KnowledgeSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly embeddings: EmbeddingsProvider,
    private readonly vectorIndex: VectorIndex,
  ) {}

  async search(dto: SearchDto): Promise<SearchResponseDto> {
    const started = process.hrtime.bigint();
    const rows = await this.rank(dto);
    const results = rows.map((row) => ({
      document_id: row.document_id,
      title: row.title,
      content_snippet: snippet(row.content, dto.query),
      similarity_score: similarity(row.cosine),
      metadata: row.metadata,
    }));
    return { results, total: results.length, query_time_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6) };
  }

  /** The same hybrid ranking as `search`, keeping each document's best chunk whole. */
  async chunks(query: string, limit: number): Promise<RankedChunk[]> {
    const rows = await this.rank({ query, limit });
    return rows.map((row) => ({
      document_id: row.document_id,
      title: row.title,
      content: row.content,
      snippet: snippet(row.content, query),
      similarity_score: similarity(row.cosine),
      rank_score: Number(row.score),
    }));
  }

  private async rank(dto: Pick<SearchDto, 'query' | 'limit' | 'filters'>): Promise<Row[]> {
    const model = this.embeddings.get();
    const vector = await model.embeddings.embedQuery(dto.query);
    const { tags, source, language } = dto.filters ?? {};
    const hnsw = await this.vectorIndex.accepts(vector);
    const { sql, params } = hybridSearchStatement({ query: dto.query, vector, tags, source, language, model: model.name, limit: dto.limit }, hnsw);
    if (!hnsw) return this.dataSource.query(sql, params);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(HNSW_SESSION_SQL);
      return manager.query(sql, params);
    });
  }
}

/** Cosine in [-1, 1] mapped to [0, 1]. */
function similarity(cosine: number): number {
  return Math.round(Math.min(1, Math.max(0, (Number(cosine) + 1) / 2)) * 10_000) / 10_000;
}
