import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import type { Analyzer } from './analyzer';
import { createChatModel } from './llm/chat-model.factory';
import { LlmAnalyzer } from './llm/llm-analyzer';
import { RulesAnalyzer } from './rules-analyzer';

/** Injection token for the analyzer LLM_PROVIDER selects. */
export const ANALYZER = Symbol('ANALYZER');

function analyzerFor(config: AppConfig): Analyzer {
  if (config.llm.provider === 'rules') return new RulesAnalyzer();
  const { model, name } = createChatModel(config);
  return new LlmAnalyzer(model, name);
}

/** The worker's analyzer; the api only queues work and never needs it. */
@Module({
  providers: [{ provide: ANALYZER, inject: [APP_CONFIG], useFactory: analyzerFor }],
  exports: [ANALYZER],
})
export class AnalyzerModule {}
