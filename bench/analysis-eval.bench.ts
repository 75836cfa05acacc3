import { join } from 'node:path';
import { generationRequest, readEvalTools, type EvalTool } from '../eval/analysis/analysis-dataset';
import { scoreVerdicts } from '../eval/analysis/analysis-metrics';
import { Account, registerAndLogin } from '../test/support/accounts';
import { AnalysisClient } from '../test/support/analysis-tasks';
import { http } from '../test/support/http';
import { Platform } from '../test/support/platform';
import { ROOT } from '../test/support/service-process';

const CONCURRENCY = 8;
/** Passed to the LLM worker when this process is run with an LLM configured (`LLM_PROVIDER=openai npm run bench -- analysis-eval`). */
const LLM_VARIABLES = ['LLM_PROVIDER', 'LLM_MODEL', 'LLM_TIMEOUT_MS', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'OLLAMA_BASE_URL'];

async function inBatches<T, R>(items: T[], run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return results;
}

/** Feasibility verdicts and generate-config validity of one analyzer over the whole set, through the api and a worker. */
async function evaluate(platform: Platform, dev: Account, label: string, env: NodeJS.ProcessEnv, tools: EvalTool[]): Promise<void> {
  const worker = await (await platform.spawn('worker', { LOG_LEVEL: 'warn', ...env })).waitReady();
  try {
    const client = new AnalysisClient(platform.api.url, dev.token);
    const started = Date.now();
    const pairs = await inBatches(tools, async (tool) => {
      const task = await client.settled(await client.feasibility(tool.config), 180_000);
      const result = task.result ?? {};
      const risks = [...new Set<string>((result.findings ?? []).map((f: { code: string }) => f.code))];
      return { expected: tool.expected, actual: { is_feasible: result.is_feasible === true, risks }, failed: task.status !== 'completed' };
    });
    const generated = await inBatches(tools, async (tool, i) => {
      const task = await client.settled(await client.submit('generate-config', { requirements: generationRequest(tool) }), 180_000);
      if (task.status !== 'completed') return false;
      const { name, slug, description, version, config } = task.result;
      const res = await http(platform.api.url, 'POST', '/api/v1/mcps', {
        token: dev.token,
        json: { name, slug: `${String(slug).slice(0, 40)}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${i}`, description, version, config },
      });
      return res.status === 201;
    });
    const scores = scoreVerdicts(pairs);
    const valid = generated.filter(Boolean).length;
    console.log(
      `  ${label.padEnd(24)} is_feasible accuracy ${scores.accuracy.toFixed(3)}  risk recall ${scores.recall.toFixed(3)}  risk precision ${scores.precision.toFixed(3)}  ` +
        `generate-config valid ${valid}/${tools.length} (${(valid / tools.length).toFixed(3)})  failed tasks ${pairs.filter((p) => p.failed).length}  ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await worker.stop();
  }
}

/**
 * The analysis evaluation: every hand-written tool of eval/analysis is analysed for feasibility by
 * each analyzer (the rules, and the LLM this process is configured with, if any) through the api
 * and a worker; verdicts and finding codes are scored against the expectations, and every
 * generated config is registered with `POST /api/v1/mcps` (the registry's own validation).
 */
async function main(): Promise<void> {
  const tools = readEvalTools(join(ROOT, 'eval', 'analysis'));
  const platform = await new Platform({ env: { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000' } }).start();
  try {
    const dev = await registerAndLogin(platform.api.url);
    console.log(`analysis evaluation: ${tools.length} tools (${tools.filter((t) => !t.expected.is_feasible).length} not feasible)`);
    await evaluate(platform, dev, 'rules', { LLM_PROVIDER: 'rules' }, tools);
    const llm = Object.fromEntries(LLM_VARIABLES.filter((name) => process.env[name]).map((name) => [name, process.env[name]]));
    if (llm.LLM_PROVIDER && llm.LLM_PROVIDER !== 'rules') {
      await evaluate(platform, dev, `${llm.LLM_PROVIDER}:${llm.LLM_MODEL ?? 'default'}`, llm, tools);
    } else {
      console.log('  (no LLM configured: set LLM_PROVIDER and its key/base URL to evaluate one)');
    }
  } finally {
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
