import type {
  AnalysisContext,
  Analyzer,
  FeasibilityInput,
  FeasibilityResult,
  GenerateConfigInput,
  GenerateConfigResult,
  ImprovementsInput,
  ImprovementsResult,
} from './analyzer';
import { generateToolConfig } from './generate/generate-tool-config';
import { feasibilityReport, improvementsReport } from './report/assessment';
import { sourcesOf } from './report/sources';
import { runRules } from './rules/all-rules';
import { readProposal, readRegisteredTool } from './subject/analysis-subject';

/**
 * The default analyzer: static, deterministic rules with no network access, so the same input
 * always yields the same result and analyses work offline. Inputs are untrusted; the rules read
 * them within fixed limits and never throw because of their shape.
 */
export class RulesAnalyzer implements Analyzer {
  readonly name = 'rules';

  async feasibility(input: FeasibilityInput, ctx: AnalysisContext): Promise<FeasibilityResult> {
    await step(ctx, 10, 'Reading configuration...');
    const subject = readProposal(input?.config, input?.maskedSecretPaths);
    await step(ctx, 45, 'Analyzing configuration...');
    const findings = runRules(subject);
    await step(ctx, 90, 'Scoring findings...');
    // The rules cannot read the knowledge base, but the user can: the relevant documents are listed.
    return withSources(feasibilityReport(subject, findings, this.name), input?.context);
  }

  async improvements(input: ImprovementsInput, ctx: AnalysisContext): Promise<ImprovementsResult> {
    await step(ctx, 10, 'Reading tool...');
    const subject = readRegisteredTool(input?.tool);
    await step(ctx, 45, 'Analyzing configuration...');
    const findings = runRules(subject);
    await step(ctx, 90, 'Ranking suggestions...');
    return withSources(improvementsReport(subject, findings, this.name), input?.context);
  }

  async generateConfig(input: GenerateConfigInput, ctx: AnalysisContext): Promise<GenerateConfigResult> {
    await step(ctx, 10, 'Reading requirements...');
    const draft = generateToolConfig(input?.requirements);
    await step(ctx, 60, 'Checking generated configuration...');
    const { name, description, config } = draft;
    const subject = readProposal({ name, description, requirements: input?.requirements, ...config });
    const check = feasibilityReport(subject, runRules(subject), this.name);
    return { ...draft, risks: check.risks, recommendations: check.recommendations, analyzer: this.name };
  }
}

function withSources<R extends object>(result: R, context: FeasibilityInput['context']): R {
  return context ? { ...result, sources: sourcesOf(context) } : result;
}

/** A cancelled task stops here, between steps, with the signal's reason. */
async function step(ctx: AnalysisContext, progress: number, message: string): Promise<void> {
  ctx.signal?.throwIfAborted();
  await ctx.reportProgress(progress, message);
}
