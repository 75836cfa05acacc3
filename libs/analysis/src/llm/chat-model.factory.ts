import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import type { AppConfig } from '@app/core';

const DEFAULT_MODELS = { openai: 'gpt-4o-mini', ollama: 'llama3.1' } as const;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The LangChain chat model behind LLM_PROVIDER. Retries are left to the job queue (attempts with
 * exponential backoff), so a failing provider does not multiply into nested retries here.
 */
export function createChatModel(config: AppConfig): { model: BaseChatModel; name: string } {
  const { provider } = config.llm;
  if (provider === 'openai') {
    const modelName = config.llm.model ?? DEFAULT_MODELS.openai;
    const model = new ChatOpenAI({
      model: modelName,
      apiKey: config.llm.openaiApiKey ?? 'unset',
      configuration: config.llm.openaiBaseUrl ? { baseURL: config.llm.openaiBaseUrl } : undefined,
      maxRetries: 0,
      timeout: REQUEST_TIMEOUT_MS,
      temperature: 0,
    });
    return { model, name: `openai:${modelName}` };
  }
  if (provider === 'ollama') {
    const modelName = config.llm.model ?? DEFAULT_MODELS.ollama;
    return { model: new ChatOllama({ model: modelName, baseUrl: config.llm.ollamaBaseUrl, temperature: 0 }), name: `ollama:${modelName}` };
  }
  throw new Error(`Invalid configuration: LLM_PROVIDER=${provider} has no chat model in this version (use rules, openai or ollama)`);
}
