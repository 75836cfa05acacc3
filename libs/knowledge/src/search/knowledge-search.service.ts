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
  cosine: number;
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
    const model = this.embeddings.get();
    const vector = await model.embeddings.embedQuery(dto.query);
    const { tags, source, language } = dto.filters ?? {};
    const hnsw = await this.vectorIndex.accepts(vector);
    const { sql, params } = hybridSearchStatement({ query: dto.query, vector, tags, source, language, model: model.name, limit: dto.limit }, hnsw);
    const rows: Row[] = hnsw
      ? await this.dataSource.transaction(async (manager) => {
          await manager.query(HNSW_SESSION_SQL);
          return manager.query(sql, params);
        })
      : await this.dataSource.query(sql, params);
    const results = rows.map((row) => ({
      document_id: row.document_id,
      title: row.title,
      content_snippet: snippet(row.content, dto.query),
      // Cosine in [-1, 1] mapped to [0, 1].
      similarity_score: Math.round(Math.min(1, Math.max(0, (Number(row.cosine) + 1) / 2)) * 10_000) / 10_000,
      metadata: row.metadata,
    }));
    return { results, total: results.length, query_time_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6) };
  }
}
