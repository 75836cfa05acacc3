import { vi } from 'vitest';
import { loadConfig } from '@app/core';
import { FakeAnthropic } from '../../../../test/support/fake-anthropic';
import { FakeOllama } from '../../../../test/support/fake-ollama';
import { FakeOpenAi } from '../../../../test/support/fake-openai';
import type { ScriptedLlm } from '../../../../test/support/llm/scripted-llm';
import { createChatModel } from './chat-model.factory';
import { LlmAnalyzer } from './llm-analyzer';
import { NO_METER } from './llm-meter';
import { ProviderUnavailable } from './provider-error';

const TIMEOUT_MS = 300;
const KEY = 'sk-test-timeout';

/** Each provider's SDK against its loopback stand-in: a reply slower than LLM_TIMEOUT_MS is abandoned, and the request is closed. */
describe.each([
  ['openai', new FakeOpenAi(), (url: string) => ({ OPENAI_BASE_URL: url, OPENAI_API_KEY: KEY })],
  ['anthropic', new FakeAnthropic(), (url: string) => ({ ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: KEY })],
  ['ollama', new FakeOllama(), (url: string) => ({ OLLAMA_BASE_URL: url })],
] as [string, ScriptedLlm, (url: string) => NodeJS.ProcessEnv][])('the per-call timeout with %s', (provider, llm, env) => {
  beforeAll(() => llm.start());
  afterAll(() => llm.stop());

  it('fails the attempt as a provider outage the queue retries, and aborts the request at the provider', async () => {
    llm.script = () => ({ delayMs: 20_000 });
    const config = loadConfig({ LLM_PROVIDER: provider, LLM_TIMEOUT_MS: String(TIMEOUT_MS), ...env(llm.baseUrl) });
    const { model, modelName } = createChatModel(config.llm);
    const analyzer = new LlmAnalyzer({ model, provider, modelName, timeoutMs: config.llm.timeoutMs, meter: NO_METER });

    const failure = await analyzer.feasibility({ config: { name: 'Weather Lookup' } }, { reportProgress: async () => undefined }).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(ProviderUnavailable);
    expect((failure as Error).message).toContain(`no answer within ${TIMEOUT_MS} ms`);
    await vi.waitFor(() => expect(llm.chats[0]?.abortedAt).toBeDefined(), { timeout: 5_000 });
  }, 15_000);
});
