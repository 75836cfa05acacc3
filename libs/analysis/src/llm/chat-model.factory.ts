import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import type { AppConfig } from '@app/core';
import { signalledFetch } from './call-signal';

export type LlmProvider = Exclude<AppConfig['llm']['provider'], 'rules'>;

export const DEFAULT_MODELS: Record<LlmProvider, string> = { openai: 'gpt-4o-mini', ollama: 'llama3.1', anthropic: 'claude-haiku-4-5' };

export interface ChatModelChoice {
  model: BaseChatModel;
  provider: LlmProvider;
  modelName: string;
}

/**
 * The LangChain chat model behind LLM_PROVIDER. Retries are the job queue's (attempts with
 * backoff that honours Retry-After), so the SDKs' own retries are off; the per-call timeout is an
 * abort signal the analyzer passes with each call.
 */
export function createChatModel(llm: AppConfig['llm']): ChatModelChoice {
  const provider = llm.provider as LlmProvider;
  const modelName = llm.model ?? DEFAULT_MODELS[provider];
  const common = { model: modelName, temperature: 0, maxRetries: 0 };
  switch (provider) {
    case 'openai':
      return {
        provider,
        modelName,
        model: new ChatOpenAI({ ...common, apiKey: llm.openaiApiKey, configuration: llm.openaiBaseUrl ? { baseURL: llm.openaiBaseUrl } : undefined }),
      };
    case 'anthropic':
      return { provider, modelName, model: new ChatAnthropic({ ...common, apiKey: llm.anthropicApiKey, anthropicApiUrl: llm.anthropicBaseUrl }) };
    case 'ollama':
      return { provider, modelName, model: new ChatOllama({ ...common, baseUrl: llm.ollamaBaseUrl, fetch: signalledFetch }) };
    default:
      throw new Error(`Invalid configuration: LLM_PROVIDER=${String(provider)} has no chat model`);
  }
}
