import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { validateToolConfig } from '@app/mcp';
import type {
  AnalysisContext,
  Analyzer,
  AssessmentResult,
  FeasibilityInput,
  GenerateConfigInput,
  GenerateConfigResult,
  ImprovementsInput,
  ImprovementsResult,
} from '../analyzer';
import { feasibilityRequest, generateConfigRequest, improvementsRequest, PROMPT_VERSION, SYSTEM } from '../prompts';
import { CallScope } from './call-signal';
import type { LlmMeter } from './llm-meter';
import { providerError, ProviderUnavailable } from './provider-error';
import { sourcesOf } from '../report/sources';
import { inertJson, quotedContext } from './quoted-context';
import { type AssessmentReply, assessmentReply, generateConfigReply, improvementsReply } from './reply-schemas';
import { type ReplySpec, structuredReply } from './structured-reply';

export interface LlmAnalyzerOptions {
  model: BaseChatModel;
  provider: string;
  modelName: string;
  timeoutMs: number;
  meter: LlmMeter;
}

const HEARTBEAT_MS = 1000;

/** The registry's own validation: a generated config that `POST /api/v1/mcps` would refuse is invalid output. */
const registryProblems = (reply: { config: unknown }) =>
  validateToolConfig(reply.config).map((issue) => `config.${issue.loc.join('.')}: ${issue.msg}`);

/** Any LangChain chat model as an Analyzer: structured output validated by zod, one repair round, cost metered. */
export class LlmAnalyzer implements Analyzer {
  readonly name: string;

  constructor(private readonly options: LlmAnalyzerOptions) {
    this.name = `${options.provider}:${options.modelName}`;
  }

  async feasibility(input: FeasibilityInput, ctx: AnalysisContext) {
    const prompt = feasibilityRequest(inertJson(input.config ?? {}), inertJson(input.maskedSecretPaths ?? [])) + quotedContext(input.context);
    const { value, usage } = await this.ask(prompt, { name: 'feasibility_assessment', schema: assessmentReply }, ctx);
    return { ...this.assessment(value), sources: sourcesOf(input.context), usage, prompt_version: PROMPT_VERSION };
  }

  async improvements(input: ImprovementsInput, ctx: AnalysisContext): Promise<ImprovementsResult> {
    const prompt = improvementsRequest(inertJson(input.tool)) + quotedContext(input.context);
    const { value, usage } = await this.ask(prompt, { name: 'improvement_suggestions', schema: improvementsReply }, ctx);
    return { ...this.assessment(value), suggestions: value.suggestions, sources: sourcesOf(input.context), usage, prompt_version: PROMPT_VERSION };
  }

  async generateConfig(input: GenerateConfigInput, ctx: AnalysisContext): Promise<GenerateConfigResult> {
    const prompt = generateConfigRequest(inertJson(input.requirements ?? {}));
    const spec = { name: 'tool_configuration', schema: generateConfigReply, check: registryProblems };
    const { value, usage } = await this.ask(prompt, spec, ctx);
    const { name, slug, description, config, reasoning, risks, recommendations } = value;
    return { name, slug, description, version: '0.1.0', config, reasoning, warnings: [], risks, recommendations, analyzer: this.name, usage, prompt_version: PROMPT_VERSION };
  }

  /**
   * While the model works, a heartbeat reports progress every second; a cancelled task makes that
   * report throw, which aborts the request in flight and ends the job with the cancellation.
   */
  private async ask<T>(prompt: string, spec: ReplySpec<T>, ctx: AnalysisContext) {
    await ctx.reportProgress(20, `Asking ${this.name}...`);
    const cancel = new AbortController();
    const onAbort = () => cancel.abort(ctx.signal?.reason);
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    const heartbeat = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      ctx.reportProgress(Math.min(85, 20 + seconds * 5), `Waiting for ${this.name} (${seconds} s)...`).catch((err: unknown) => cancel.abort(err));
    }, HEARTBEAT_MS);
    try {
      const reply = await structuredReply(this.options.model, [new SystemMessage(SYSTEM), new HumanMessage(prompt)], spec, {
        signal: cancel.signal,
        meter: this.options.meter,
        guard: (call) => this.guarded(call, cancel.signal),
      });
      await ctx.reportProgress(95, 'Checked the model reply');
      return reply;
    } finally {
      clearInterval(heartbeat);
      ctx.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** One model call under the per-call timeout; cancellation rethrows its reason, provider failures become queue retries. */
  private async guarded<R>(call: (signal: AbortSignal) => Promise<R>, cancelled: AbortSignal): Promise<R> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = AbortSignal.any([cancelled, timeout]);
    const stopped = () => {
      if (cancelled.aborted) return cancelled.reason as Error;
      if (timeout.aborted) return new ProviderUnavailable(this.options.provider, `no answer within ${this.options.timeoutMs} ms`);
      return undefined;
    };
    const scope = new CallScope(signal);
    let result: R;
    try {
      result = await scope.run(() => call(signal));
    } catch (err) {
      throw stopped() ?? providerError(err, this.options.provider, scope.retryAfter);
    }
    // Some clients end a stream quietly on abort: a cut-off reply is not an answer.
    const reason = stopped();
    if (reason) throw reason;
    return result;
  }

  private assessment(reply: AssessmentReply): AssessmentResult {
    const { score, is_feasible, reasoning, risks, recommendations, findings } = reply;
    return { score: Math.round(score * 100) / 100, is_feasible, reasoning, risks, recommendations, analyzer: this.name, ...(findings ? { findings } : {}) };
  }
}
