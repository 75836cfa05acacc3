import type { AnalysisContext, Analyzer, FeasibilityInput, GenerateConfigInput, ImprovementsInput, ResultProvenance } from '../analyzer';
import { InvalidModelOutput } from './structured-reply';

/**
 * LLM_FALLBACK=rules: when the model's reply stays invalid after the repair round, the task still
 * completes, with the rules analyzer's result and an `analyzer` field that says so.
 */
export class FallbackAnalyzer implements Analyzer {
  readonly name: string;

  constructor(
    private readonly primary: Analyzer,
    private readonly fallback: Analyzer,
  ) {
    this.name = primary.name;
  }

  feasibility(input: FeasibilityInput, ctx: AnalysisContext) {
    return this.either((a) => a.feasibility(input, ctx));
  }

  improvements(input: ImprovementsInput, ctx: AnalysisContext) {
    return this.either((a) => a.improvements(input, ctx));
  }

  generateConfig(input: GenerateConfigInput, ctx: AnalysisContext) {
    return this.either((a) => a.generateConfig(input, ctx));
  }

  private async either<R extends ResultProvenance>(run: (analyzer: Analyzer) => Promise<R>): Promise<R> {
    try {
      return await run(this.primary);
    } catch (err) {
      if (!(err instanceof InvalidModelOutput)) throw err;
      const result = await run(this.fallback);
      return { ...result, analyzer: `${this.fallback.name} (fallback: ${this.primary.name} gave invalid output)`, usage: err.usage };
    }
  }
}
