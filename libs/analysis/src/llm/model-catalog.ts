import type { AppConfig } from '@app/core';
import { DEFAULT_MODELS, type LlmProvider } from './chat-model.factory';

interface Catalog {
  url: string;
  headers: Record<string, string>;
  keyVariable?: string;
  names: (body: Record<string, unknown>) => string[];
}

const idsOf = (body: Record<string, unknown>, list: string, field: string) =>
  (Array.isArray(body[list]) ? (body[list] as Record<string, unknown>[]) : []).map((m) => String(m[field]));

/** Each provider's list-models endpoint, the same one its SDK would call. */
function catalogOf(llm: AppConfig['llm']): Catalog {
  const provider = llm.provider as LlmProvider;
  if (provider === 'openai') {
    const base = (llm.openaiBaseUrl ?? 'https://api.openai.com/v1').replace(/\/$/, '');
    return { url: `${base}/models`, headers: { authorization: `Bearer ${llm.openaiApiKey}` }, keyVariable: 'OPENAI_API_KEY', names: (b) => idsOf(b, 'data', 'id') };
  }
  if (provider === 'anthropic') {
    const base = (llm.anthropicBaseUrl ?? 'https://api.anthropic.com').replace(/\/$/, '');
    return {
      url: `${base}/v1/models?limit=1000`,
      headers: { 'x-api-key': llm.anthropicApiKey ?? '', 'anthropic-version': '2023-06-01' },
      keyVariable: 'ANTHROPIC_API_KEY',
      names: (b) => idsOf(b, 'data', 'id'),
    };
  }
  return { url: `${llm.ollamaBaseUrl.replace(/\/$/, '')}/api/tags`, headers: {}, names: (b) => idsOf(b, 'models', 'name') };
}

/** Ollama lists `llama3.1:latest` for `llama3.1`. */
const offers = (names: string[], model: string) => names.some((name) => name === model || name === `${model}:latest`);

/**
 * At worker start: a model the provider does not offer, or a key it refuses, stops the worker with
 * one line naming the variable. A provider that cannot be reached only warns: it may come back,
 * and the queue retries analyses meanwhile.
 */
export async function checkModelOffered(llm: AppConfig['llm'], warn: (message: string) => void, timeoutMs = 5000): Promise<void> {
  const provider = llm.provider as LlmProvider;
  const model = llm.model ?? DEFAULT_MODELS[provider];
  const catalog = catalogOf(llm);
  const where = new URL(catalog.url).origin;
  let response: Response;
  try {
    response = await fetch(catalog.url, { headers: catalog.headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    warn(`${provider} at ${where} is unreachable; LLM_MODEL=${model} is not checked`);
    return;
  }
  if ((response.status === 401 || response.status === 403) && catalog.keyVariable) {
    throw new Error(`Invalid configuration: ${catalog.keyVariable} is refused by ${provider} at ${where} (HTTP ${response.status})`);
  }
  if (!response.ok) {
    warn(`${provider} at ${where} answered HTTP ${response.status} to the model list; LLM_MODEL=${model} is not checked`);
    return;
  }
  const names = catalog.names((await response.json().catch(() => ({}))) as Record<string, unknown>);
  if (!offers(names, model)) {
    const known = names.slice(0, 10).join(', ') || 'none';
    throw new Error(`Invalid configuration: LLM_MODEL=${model} is not a model ${provider} offers at ${where} (offered: ${known})`);
  }
}
