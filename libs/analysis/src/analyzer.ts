/**
 * What every analyzer implements: the offline rules analyzer and the LangChain LLM analyzers
 * (OpenAI, Ollama, Anthropic, possibly fed with knowledge-base context), so the worker picks one
 * from LLM_PROVIDER and nothing downstream changes. Inputs are untrusted JSON: an analyzer checks
 * their shape itself and never throws because of it (only on cancellation or its own failure).
 */

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export type FindingArea = 'security' | 'data-integrity' | 'network' | 'structure' | 'schema' | 'documentation';

/** One observation behind a score; `code` is stable (e.g. `database.write-access`) so clients can key on it. */
export interface AnalysisFinding {
  code: string;
  severity: Severity;
  area: FindingArea;
  message: string;
}

export interface AnalysisContext {
  /** Intermediate progress (0-100, message) that the worker publishes as a `running` task update. */
  reportProgress(progress: number, message: string): Promise<void>;
  /** Aborted when the task is cancelled: analyzers stop at their next step by throwing the abort reason. */
  signal?: AbortSignal;
}

/** A knowledge-base chunk retrieved for an analysis, as the result lists it. */
export interface KnowledgeSource {
  document_id: string;
  title: string;
  snippet: string;
  similarity_score: number;
}

/** A retrieved chunk with its full text, which only an LLM prompt carries (quoted, as data). */
export interface RetrievedChunk extends KnowledgeSource {
  content: string;
}

/** Fields every analyzer may add to the contract's result fields. */
export interface ResultProvenance {
  /** `rules`, e.g. `openai:gpt-4o-mini`, or `rules (fallback: ...)`. */
  analyzer: string;
  /** Knowledge-base chunks the analysis was given (feasibility and improvements). */
  sources?: KnowledgeSource[];
  /** Tokens the model calls cost (LLM analyzers). */
  usage?: { input_tokens: number; output_tokens: number };
  /** Version of the prompt files that asked (LLM analyzers). */
  prompt_version?: string;
}

/** The contract's result fields (`score` 0..1), plus which analyzer produced them. */
export interface AssessmentResult extends ResultProvenance {
  score: number;
  is_feasible: boolean;
  reasoning: string;
  risks: string[];
  recommendations: string[];
  /** The findings behind the score, when the analyzer works with discrete findings. */
  findings?: AnalysisFinding[];
}

export type FeasibilityResult = AssessmentResult;

export interface FeasibilityInput {
  /** A proposed tool: its `name`, `description`, `requirements`, and optionally `servers` and `tools`. */
  config: Record<string, unknown>;
  /** Where `config` held literal secrets before they were masked for the queue. */
  maskedSecretPaths?: string[];
  /** Knowledge-base chunks relevant to the tool, retrieved before the analyzer runs. */
  context?: RetrievedChunk[];
}

/** A registered tool as the registry stores it. */
export interface ToolSnapshot {
  id: string;
  name: string;
  slug: string;
  description?: string | null;
  version: string;
  status: string;
  config: Record<string, unknown>;
}

export interface ImprovementsInput {
  tool: ToolSnapshot;
  context?: RetrievedChunk[];
}

export type SuggestionPriority = 'high' | 'medium' | 'low';

/** One actionable change, most urgent first in `suggestions`. */
export interface ImprovementSuggestion {
  area: FindingArea;
  message: string;
  priority: SuggestionPriority;
}

export interface ImprovementsResult extends AssessmentResult {
  suggestions: ImprovementSuggestion[];
}

export interface GenerateConfigInput {
  /** E.g. `{tool_type: "weather", features: ["current_weather"], data_sources: ["openweathermap"]}`. */
  requirements: Record<string, unknown>;
}

export type ParameterType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/** A JSON-Schema property definition, the registry's shape for tool parameters. */
export interface ParameterSchema {
  type: ParameterType;
  description: string;
}

export interface GeneratedServer {
  name: string;
  url: string;
}

export interface GeneratedTool {
  name: string;
  description: string;
  parameters: Record<string, ParameterSchema>;
}

export interface GeneratedToolConfig {
  servers: GeneratedServer[];
  tools: GeneratedTool[];
}

/** A tool ready for `POST /api/v1/mcps`: `name`, `slug`, `description`, `version`, `config`. */
export interface GenerateConfigResult extends ResultProvenance {
  name: string;
  slug: string;
  description: string;
  version: '0.1.0';
  config: GeneratedToolConfig;
  reasoning: string;
  /** Parts of the requirements that could not be used (wrong types, too many entries). */
  warnings: string[];
  /** Risks the generated config still carries (e.g. requested write access) and what to do about them. */
  risks: string[];
  recommendations: string[];
}

export interface Analyzer {
  /** Recorded in every result's `analyzer` field. */
  readonly name: string;
  feasibility(input: FeasibilityInput, ctx: AnalysisContext): Promise<FeasibilityResult>;
  improvements(input: ImprovementsInput, ctx: AnalysisContext): Promise<ImprovementsResult>;
  generateConfig(input: GenerateConfigInput, ctx: AnalysisContext): Promise<GenerateConfigResult>;
}
