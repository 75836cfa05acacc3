import { Account, registerAndLogin } from './support/accounts';
import { AnalysisClient, until } from './support/analysis-tasks';
import { CONTRACT } from './support/contract';
import { FakeAnthropic } from './support/fake-anthropic';
import { FakeOllama } from './support/fake-ollama';
import { FakeOpenAi } from './support/fake-openai';
import { http } from './support/http';
import type { ScriptedLlm } from './support/llm/scripted-llm';
import { Platform } from './support/platform';
import { openSse, WsClient } from './support/realtime';
import type { ServiceProcess } from './support/service-process';

const KEY = 'sk-test-e2e-provider-key-0123456789';
/** A word only the prompt carries: it must never reach the logs. */
const MARKER = 'zanzibar-quokka-marker';
const PROPOSAL = { ...CONTRACT.feasibility.config, description: `Execute SQL queries on production database (${MARKER})` };

interface ProviderCase {
  /** The provider, and how it is asked when one provider has two ways (also a slug suffix). */
  provider: string;
  llm: ScriptedLlm;
  env: (baseUrl: string) => NodeJS.ProcessEnv;
  analyzer: string;
  /** How the request asked for structured output, on the wire. */
  asksStructured: (body: Record<string, any>) => boolean;
}

const CASES: ProviderCase[] = [
  {
    provider: 'openai',
    llm: new FakeOpenAi(),
    env: (url) => ({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: url, OPENAI_API_KEY: KEY }),
    analyzer: 'openai:gpt-4o-mini',
    asksStructured: (body) => body.response_format?.type === 'json_schema',
  },
  {
    // LangChain asks models without JSON-schema responses (gpt-4-*, gpt-3*) through a forced tool call.
    provider: 'openai-tools',
    llm: new FakeOpenAi(),
    env: (url) => ({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: url, OPENAI_API_KEY: KEY, LLM_MODEL: 'gpt-4-turbo' }),
    analyzer: 'openai:gpt-4-turbo',
    asksStructured: (body) => body.tool_choice?.type === 'function' && body.tools?.[0]?.function?.parameters?.type === 'object',
  },
  {
    provider: 'anthropic',
    llm: new FakeAnthropic(),
    env: (url) => ({ LLM_PROVIDER: 'anthropic', ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: KEY }),
    analyzer: 'anthropic:claude-haiku-4-5',
    asksStructured: (body) => body.tool_choice?.type === 'tool' && body.tools?.[0]?.input_schema?.type === 'object',
  },
  {
    provider: 'ollama',
    llm: new FakeOllama(),
    env: (url) => ({ LLM_PROVIDER: 'ollama', OLLAMA_BASE_URL: url }),
    analyzer: 'ollama:llama3.1',
    asksStructured: (body) => typeof body.format === 'object' && body.format.type === 'object',
  },
];

/**
 * The LLM analyzers against loopback servers speaking each provider's wire format, scripted per
 * test: valid, repaired, always invalid, rate-limited and slow (cancelled) replies.
 */
describe('LLM analysis through LangChain providers', () => {
  let platform: Platform;
  let dev: Account;
  let analyses: AnalysisClient;
  const workers: ServiceProcess[] = [];
  const startWorker = async (env: NodeJS.ProcessEnv) => {
    const worker = await (await platform.spawn('worker', env)).waitReady();
    workers.push(worker);
    return worker;
  };
  const stopWorkers = () => Promise.all(workers.splice(0).map((w) => w.stop()));

  beforeAll(async () => {
    // Attempts and backoff are job options, set by the api that enqueues: a short base delay shows Retry-After winning.
    platform = await new Platform({ env: { QUEUE_ANALYSIS_ATTEMPTS: '3', QUEUE_ANALYSIS_BACKOFF_MS: '100' } }).start();
    dev = await registerAndLogin(platform.api.url);
    analyses = new AnalysisClient(platform.api.url, dev.token);
  }, 90_000);
  afterAll(async () => {
    await stopWorkers();
    await platform.stop();
  });

  describe.each(CASES)('$provider', ({ provider, llm, env, analyzer, asksStructured }) => {
    let worker: ServiceProcess;
    beforeAll(async () => {
      await llm.start();
      worker = await startWorker(env(llm.baseUrl));
    }, 60_000);
    afterAll(async () => {
      await stopWorkers();
      await llm.stop();
    });
    beforeEach(() => llm.reset());

    it('answers each analysis through structured output, with progress, usage, prompt version and a registrable config', async () => {
      const sse = await openSse(platform.api.url, { token: dev.token });
      const feasibility = await analyses.settled(await analyses.feasibility(PROPOSAL));
      expect(feasibility).toMatchObject({ status: 'completed', result: { score: 0.8, is_feasible: true, analyzer, prompt_version: 'v1' } });
      expect(feasibility.result.usage.input_tokens).toBeGreaterThan(0);
      expect(feasibility.result.usage.output_tokens).toBeGreaterThan(0);
      expect(asksStructured(llm.chats[0].body)).toBe(true);
      await sse.next((e) => e.data.task_id === feasibility.task_id && e.data.status === 'completed');
      const steps = sse.events.filter((e) => e.data.task_id === feasibility.task_id && e.data.status === 'running').map((e) => e.data.message as string);
      sse.close();
      const order = [/^Retrieving knowledge-base context/, /^Asking /, /^Checked the model reply/].map((step) => steps.findIndex((m) => step.test(m)));
      expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]))).toBe(true);

      const generated = await analyses.settled(await analyses.submit('generate-config', CONTRACT.generateConfig));
      expect(generated).toMatchObject({ status: 'completed', result: { analyzer, version: '0.1.0' } });
      const { name, slug, description, version, config } = generated.result;
      const created = await http(platform.api.url, 'POST', '/api/v1/mcps', {
        token: dev.token,
        json: { name, slug: `${slug}-${provider}`, description, version, config },
      });
      expect(created.status).toBe(201);
    });

    it('repairs an invalid reply in one more round that names the problems', async () => {
      llm.script = (call) => (call === 1 ? { payload: { score: 'high', is_feasible: 'yes' } } : {});
      const task = await analyses.settled(await analyses.feasibility(PROPOSAL));
      expect(task).toMatchObject({ status: 'completed', result: { score: 0.8, analyzer } });
      expect(llm.calls).toBe(2);
      expect(llm.chats[1].text).toContain('did not match the required structure');
      expect(llm.chats[1].text).toContain('score');
    });

    it('fails with ANALYSIS_INVALID_OUTPUT when the repaired reply is still invalid, without queue retries', async () => {
      llm.script = () => ({ text: 'I think this tool is fine, score 0.9' });
      const task = await analyses.settled(await analyses.feasibility(PROPOSAL));
      expect(task).toMatchObject({ status: 'failed', error: { code: 'ANALYSIS_INVALID_OUTPUT' } });
      expect(llm.calls).toBe(2);
    });

    it('retries a 429 through the queue, after the Retry-After it names', async () => {
      llm.script = (call) => (call === 1 ? { status: 429, headers: { 'retry-after': '2' } } : {});
      const task = await analyses.settled(await analyses.feasibility(PROPOSAL));
      expect(task.status).toBe('completed');
      expect(llm.calls).toBe(2);
      const gap = llm.chats[1].receivedAt - llm.chats[0].receivedAt;
      // The queue's own backoff is 100 ms here: waiting ~2 s is the provider's Retry-After.
      expect(gap).toBeGreaterThanOrEqual(1900);
    });

    it('reports progress while the model works, and cancelling the task aborts the request', async () => {
      llm.script = () => ({ delayMs: 30_000 });
      const ws = await WsClient.connect(platform.api.url, dev.token);
      const taskId = await analyses.feasibility(PROPOSAL);
      ws.send({ type: 'subscribe', task_id: taskId });
      await ws.next((m) => m.task_id === taskId && m.status === 'running' && /Waiting for/.test(m.message ?? ''), 10_000);
      const cancelled = await http(platform.api.url, 'POST', `/api/v1/tasks/${taskId}/cancel`, { token: dev.token });
      expect(cancelled.status).toBe(200);
      await until(() => llm.chats[0]?.abortedAt !== undefined, 10_000);
      expect(llm.calls).toBe(1);
      expect(await analyses.task(taskId)).toMatchObject({ status: 'cancelled' });
      ws.close();
    });

    it('counts tokens and call durations on the worker’s /metrics, and logs neither the key nor the prompt', async () => {
      await analyses.settled(await analyses.feasibility(PROPOSAL));
      const [providerName, model] = analyzer.split(':');
      const metrics = await (await fetch(`${worker.url}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`llm_tokens_total\\{provider="${providerName}",model="${model}",kind="input"\\} [1-9]`));
      expect(metrics).toMatch(new RegExp(`llm_request_duration_seconds_count\\{provider="${providerName}",model="${model}",outcome="ok"\\} [1-9]`));
      for (const logs of [worker.logs(), platform.api.logs()]) {
        expect(logs).not.toContain(KEY);
        expect(logs).not.toContain(MARKER);
      }
    });

    // Last: it replaces this provider's worker with one started with LLM_FALLBACK=rules.
    it('with LLM_FALLBACK=rules, completes with the rules analyzer’s result and says so when the reply stays invalid', async () => {
      await stopWorkers();
      await startWorker({ ...env(llm.baseUrl), LLM_FALLBACK: 'rules' });
      llm.script = () => ({ payload: { score: 3 } });
      const task = await analyses.settled(await analyses.feasibility(PROPOSAL));
      expect(task).toMatchObject({ status: 'completed', result: { analyzer: `rules (fallback: ${analyzer} gave invalid output)`, is_feasible: expect.any(Boolean) } });
      expect(task.result.risks.length).toBeGreaterThan(0);
      expect(task.result.usage.input_tokens).toBeGreaterThan(0);
      expect(llm.calls).toBe(2);
    });
  });

  describe('worker start', () => {
    const openai = new FakeOpenAi();
    const ollama = new FakeOllama();
    beforeAll(() => Promise.all([openai.start(), ollama.start()]));
    afterAll(() => Promise.all([openai.stop(), ollama.stop()]));

    it.each([
      ['an OpenAI model the endpoint does not offer', { LLM_PROVIDER: 'openai', OPENAI_API_KEY: KEY, LLM_MODEL: 'gpt-unknown' }, 'LLM_MODEL=gpt-unknown'],
      ['an Ollama model the server has not pulled', { LLM_PROVIDER: 'ollama', LLM_MODEL: 'mistral-unknown' }, 'LLM_MODEL=mistral-unknown'],
      ['a missing OpenAI key', { LLM_PROVIDER: 'openai' }, 'OPENAI_API_KEY is required when LLM_PROVIDER=openai'],
      ['a missing Anthropic key', { LLM_PROVIDER: 'anthropic' }, 'ANTHROPIC_API_KEY is required when LLM_PROVIDER=anthropic'],
    ])('stops with one line naming the variable on %s', async (_case, env, line) => {
      const worker = await platform.spawn('worker', { OPENAI_BASE_URL: openai.baseUrl, OLLAMA_BASE_URL: ollama.baseUrl, ...env });
      expect(await worker.waitExit()).toBe(1);
      const variable = line.split(/[= ]/)[0];
      expect(worker.logs().split('\n').filter((l) => l.includes(variable))).toEqual([expect.stringContaining(line)]);
    });
  });
});
