import { Inject, Injectable } from '@nestjs/common';
import { ToolSnapshots } from '@app/mcp';
import { PermanentTaskFailure } from '@app/tasks';
import type { AnalysisContext, Analyzer, RetrievedChunk } from './analyzer';
import { ANALYZER } from './analyzer.token';
import { ProviderRejected } from './llm/provider-error';
import { InvalidModelOutput } from './llm/structured-reply';
import { KnowledgeContext } from './retrieval/knowledge-context.service';
import type { AnalysisSubject } from './subject/analysis-subject';
import { readProposal, readRegisteredTool } from './subject/analysis-subject';

/**
 * The worker's three analyses: retrieval from the knowledge base first (feasibility and
 * improvements), then the configured analyzer; failures another attempt cannot fix end the task.
 */
@Injectable()
export class AnalysisJobs {
  constructor(
    @Inject(ANALYZER) private readonly analyzer: Analyzer,
    private readonly knowledge: KnowledgeContext,
    private readonly tools: ToolSnapshots,
  ) {}

  async feasibility(config: Record<string, unknown>, maskedSecretPaths: string[] | undefined, ctx: AnalysisContext) {
    const context = await this.retrieve(readProposal(config), ctx);
    return settle(() => this.analyzer.feasibility({ config, maskedSecretPaths, context }, ctx));
  }

  async improvements(toolId: string, ctx: AnalysisContext) {
    const tool = await this.tools.snapshot(toolId);
    const context = await this.retrieve(readRegisteredTool(tool), ctx);
    return settle(() => this.analyzer.improvements({ tool, context }, ctx));
  }

  generateConfig(requirements: Record<string, unknown>, ctx: AnalysisContext) {
    return settle(() => this.analyzer.generateConfig({ requirements }, ctx));
  }

  private async retrieve(subject: AnalysisSubject, ctx: AnalysisContext): Promise<RetrievedChunk[]> {
    await ctx.reportProgress(5, 'Retrieving knowledge-base context...');
    return this.knowledge.for(subject);
  }
}

async function settle<R>(run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof InvalidModelOutput) throw new PermanentTaskFailure('ANALYSIS_INVALID_OUTPUT', err.message);
    if (err instanceof ProviderRejected) throw new PermanentTaskFailure('LLM_PROVIDER_REJECTED', err.message);
    throw err;
  }
}
