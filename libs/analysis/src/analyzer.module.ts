import { Logger, Module } from '@nestjs/common';
import { getToken, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { KnowledgeModule } from '@app/knowledge';
import { McpModule } from '@app/mcp';
import { AnalysisJobs } from './analysis-jobs.service';
import type { Analyzer } from './analyzer';
import { ANALYZER } from './analyzer.token';
import { createChatModel } from './llm/chat-model.factory';
import { FallbackAnalyzer } from './llm/fallback-analyzer';
import { LlmAnalyzer } from './llm/llm-analyzer';
import { checkModelOffered } from './llm/model-catalog';
import { LLM_REQUEST_DURATION, LLM_TOKENS_TOTAL, prometheusMeter } from './llm/prometheus-meter';
import { KnowledgeContext } from './retrieval/knowledge-context.service';
import { RulesAnalyzer } from './rules-analyzer';

/** Built once at worker start: an unknown model or a refused key stops the worker here, naming the variable. */
async function analyzerFor(config: AppConfig, tokens: Counter<string>, duration: Histogram<string>): Promise<Analyzer> {
  if (config.llm.provider === 'rules') return new RulesAnalyzer();
  const logger = new Logger('Analyzer');
  await checkModelOffered(config.llm, (message) => logger.warn(message));
  const { model, provider, modelName } = createChatModel(config.llm);
  const meter = prometheusMeter(tokens, duration, provider, modelName);
  const llm = new LlmAnalyzer({ model, provider, modelName, timeoutMs: config.llm.timeoutMs, meter });
  return config.llm.fallback === 'rules' ? new FallbackAnalyzer(llm, new RulesAnalyzer()) : llm;
}

/** The worker's analyses; the api only queues work and never needs them. */
@Module({
  imports: [KnowledgeModule, McpModule],
  providers: [
    makeCounterProvider({ name: LLM_TOKENS_TOTAL, help: 'Tokens sent to and received from LLM providers', labelNames: ['provider', 'model', 'kind'] }),
    makeHistogramProvider({
      name: LLM_REQUEST_DURATION,
      help: 'Duration of LLM provider calls in seconds, by outcome (ok, invalid reply, error)',
      labelNames: ['provider', 'model', 'outcome'],
      buckets: [0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120],
    }),
    { provide: ANALYZER, inject: [APP_CONFIG, getToken(LLM_TOKENS_TOTAL), getToken(LLM_REQUEST_DURATION)], useFactory: analyzerFor },
    KnowledgeContext,
    AnalysisJobs,
  ],
  exports: [ANALYZER, AnalysisJobs],
})
export class AnalyzerModule {}
