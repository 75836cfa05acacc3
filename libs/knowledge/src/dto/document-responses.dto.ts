import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@app/core';
import type { EmbeddingStatus } from '../entities/document.entity';

const METADATA = {
  type: 'object',
  additionalProperties: true,
  description: 'Free-form; `tags`, `source` and `language` are indexed for search filters',
  example: { source: 'official-docs', tags: ['mcp', 'protocol', 'specification'], language: 'en' },
} as const;

export class DocumentCreatedDto {
  @ApiProperty({ format: 'uuid', example: '880e8400-e29b-41d4-a716-446655440003' })
  document_id: string;

  @ApiProperty({ example: 'MCP Protocol Specification' })
  title: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;

  @ApiProperty({ format: 'uuid', description: 'Changes whenever the content is re-embedded', example: '990e8400-e29b-41d4-a716-446655440004' })
  embedding_id: string;
}

export class DocumentSummaryDto {
  @ApiProperty({ format: 'uuid', example: '880e8400-e29b-41d4-a716-446655440003' })
  document_id: string;

  @ApiProperty({ example: 'MCP Protocol Specification' })
  title: string;

  @ApiProperty(METADATA)
  metadata: Record<string, unknown>;

  @ApiProperty({ format: 'uuid' })
  embedding_id: string;

  @ApiProperty({ example: 'local-wink-100d' })
  embedding_model: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Known once the worker embedded the document' })
  embedding_dimension: number | null;

  @ApiProperty({ enum: ['pending', 'ready', 'failed'] })
  embedding_status: EmbeddingStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updated_at: Date;
}

export class DocumentDetailDto extends DocumentSummaryDto {
  @ApiProperty({ example: 'The Model Context Protocol (MCP) is a standardized protocol...' })
  content: string;
}

export class DocumentPageDto extends PageOf(DocumentSummaryDto) {}

export class DocumentDeletedDto {
  @ApiProperty({ example: 'Document deleted successfully' })
  message: string;

  @ApiProperty({ format: 'uuid' })
  document_id: string;
}

export class SearchResultDto {
  @ApiProperty({ format: 'uuid' })
  document_id: string;

  @ApiProperty({ example: 'MCP Protocol Specification' })
  title: string;

  @ApiProperty({ example: '...MCP authentication uses JWT tokens for secure communication...' })
  content_snippet: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.92 })
  similarity_score: number;

  @ApiProperty(METADATA)
  metadata: Record<string, unknown>;
}

export class SearchResponseDto {
  @ApiProperty({ type: [SearchResultDto] })
  results: SearchResultDto[];

  @ApiProperty({ type: 'integer', minimum: 0 })
  total: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 45 })
  query_time_ms: number;
}
