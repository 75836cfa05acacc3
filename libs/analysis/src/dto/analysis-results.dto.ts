import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The `result` of a completed analysis task (`GET /api/v1/tasks/{id}`), by task type. */

export class KnowledgeSourceDto {
  @ApiProperty({ format: 'uuid' })
  document_id: string;

  @ApiProperty({ example: 'Read-only roles for SQL query tools' })
  title: string;

  @ApiProperty({ description: 'The part of the chunk that matched' })
  snippet: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.82 })
  similarity_score: number;
}

export class TokenUsageDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  input_tokens: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  output_tokens: number;
}

export class AnalysisFindingDto {
  @ApiProperty({ example: 'database.write-access', description: 'Stable code clients can key on' })
  code: string;

  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  severity: string;

  @ApiProperty({ enum: ['security', 'data-integrity', 'network', 'structure', 'schema', 'documentation'] })
  area: string;

  @ApiProperty()
  message: string;
}

/** Fields every analyzer may add to the contract's fields. */
class ProvenanceDto {
  @ApiProperty({ example: 'openai:gpt-4o-mini', description: '`rules`, `<provider>:<model>`, or `rules (fallback: ...)` when an invalid model reply fell back to the rules' })
  analyzer: string;

  @ApiPropertyOptional({ type: TokenUsageDto, description: 'Tokens the model calls cost (LLM analyzers)' })
  usage?: TokenUsageDto;

  @ApiPropertyOptional({ example: 'v1', description: 'Version of the prompt files that asked (LLM analyzers)' })
  prompt_version?: string;
}

/** What every analysis explains, in the contract's words. */
class ReviewDto extends ProvenanceDto {
  @ApiProperty()
  reasoning: string;

  @ApiProperty({ type: [String] })
  risks: string[];

  @ApiProperty({ type: [String] })
  recommendations: string[];
}

export class FeasibilityResultDto extends ReviewDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.75 })
  score: number;

  @ApiProperty()
  is_feasible: boolean;

  @ApiPropertyOptional({ type: [AnalysisFindingDto], description: 'The findings behind the score' })
  findings?: AnalysisFindingDto[];

  @ApiPropertyOptional({ type: [KnowledgeSourceDto], description: 'Knowledge-base chunks the analysis was given' })
  sources?: KnowledgeSourceDto[];
}

export class ImprovementSuggestionDto {
  @ApiProperty({ enum: ['security', 'data-integrity', 'network', 'structure', 'schema', 'documentation'] })
  area: string;

  @ApiProperty()
  message: string;

  @ApiProperty({ enum: ['high', 'medium', 'low'] })
  priority: string;
}

export class ImprovementsResultDto extends FeasibilityResultDto {
  @ApiProperty({ type: [ImprovementSuggestionDto], description: 'Most urgent first' })
  suggestions: ImprovementSuggestionDto[];
}

export class GenerateConfigResultDto extends ReviewDto {
  @ApiProperty({ example: 'Weather MCP Tool' })
  name: string;

  @ApiProperty({ example: 'weather-tool' })
  slug: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ enum: ['0.1.0'] })
  version: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'servers and tools, valid for POST /api/v1/mcps' })
  config: Record<string, unknown>;

  @ApiProperty({ type: [String] })
  warnings: string[];
}

/** Registered in the document by the analysis controller; the task view refers to them by name. */
export const ANALYSIS_RESULT_DTOS = [FeasibilityResultDto, ImprovementsResultDto, GenerateConfigResultDto] as const;
