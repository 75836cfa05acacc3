import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { validateToolConfig } from '@app/mcp/config/validate-tool-config';
import type {
  AnalysisContext,
  Analyzer,
  AssessmentResult,
  FeasibilityInput,
  GenerateConfigInput,
  GenerateConfigResult,
  GeneratedToolConfig,
  ImprovementsInput,
  ImprovementsResult,
  ImprovementSuggestion,
} from '../analyzer';
import { parseJsonReply, score01, stringList } from './parse-json-reply';
import { feasibilityPrompt, generateConfigPrompt, improvementsPrompt, SYSTEM_PROMPT } from './prompts';

const PRIORITIES = new Set(['high', 'medium', 'low']);

/** Any LangChain chat model as an Analyzer; replies are validated, never trusted. */
export class LlmAnalyzer implements Analyzer {
  constructor(
    private readonly model: BaseChatModel,
    readonly name: string,
  ) {}

  async feasibility(input: FeasibilityInput, ctx: AnalysisContext) {
    return this.assessment(await this.ask(feasibilityPrompt(input.config), ctx));
  }

  async improvements(input: ImprovementsInput, ctx: AnalysisContext): Promise<ImprovementsResult> {
    const reply = await this.ask(improvementsPrompt(input.tool), ctx);
    const suggestions = (Array.isArray(reply.suggestions) ? reply.suggestions : [])
      .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && typeof s.message === 'string')
      .slice(0, 20)
      .map((s) => ({
        area: String(s.area ?? 'structure'),
        message: String(s.message),
        priority: PRIORITIES.has(String(s.priority)) ? s.priority : 'medium',
      })) as ImprovementSuggestion[];
    return { ...this.assessment(reply), suggestions };
  }

  async generateConfig(input: GenerateConfigInput, ctx: AnalysisContext): Promise<GenerateConfigResult> {
    const reply = await this.ask(generateConfigPrompt(input.requirements), ctx);
    const problems = validateToolConfig(reply.config);
    if (problems.length > 0) throw new Error(`the model produced an invalid config (${problems[0].loc.join('.')}: ${problems[0].msg})`);
    return {
      name: String(reply.name ?? 'Generated MCP Tool').slice(0, 255),
      slug: String(reply.slug ?? 'generated-tool').toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 64),
      description: String(reply.description ?? ''),
      version: '0.1.0',
      config: reply.config as GeneratedToolConfig,
      reasoning: String(reply.reasoning ?? ''),
      warnings: [],
      risks: stringList(reply.risks),
      recommendations: stringList(reply.recommendations),
      analyzer: this.name,
    };
  }

  private async ask(prompt: string, ctx: AnalysisContext): Promise<Record<string, unknown>> {
    await ctx.reportProgress(10, `Asking ${this.name}...`);
    const reply = await this.model.invoke([new SystemMessage(SYSTEM_PROMPT), new HumanMessage(prompt)], { signal: ctx.signal });
    await ctx.reportProgress(90, 'Checking the model reply...');
    return parseJsonReply(typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content));
  }

  private assessment(reply: Record<string, unknown>): AssessmentResult {
    const score = score01(reply.score);
    return {
      score,
      is_feasible: typeof reply.is_feasible === 'boolean' ? reply.is_feasible : score >= 0.5,
      reasoning: String(reply.reasoning ?? ''),
      risks: stringList(reply.risks),
      recommendations: stringList(reply.recommendations),
      analyzer: this.name,
    };
  }
}
