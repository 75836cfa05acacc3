import { fork } from 'node:child_process';
import { join } from 'node:path';
import { registerAndLogin } from '../test/support/accounts';
import { createTool, deployRunning } from '../test/support/deployments';
import { Platform } from '../test/support/platform';
import { ROOT } from '../test/support/service-process';
import { closedLoop, CONCURRENCY, type Figures, row, sdkClient } from './support/closed-loop';
import { cpuPerCall } from './support/process-cpu';

const SECONDS = 8;
const UNLOADED_SECONDS = 4;
const SLUG = 'bench-tool';
const ARGS = { text: 'hi' };
/** `BENCH_PROFILE_DIR=/tmp/prof npm run bench -- gateway` also writes the api's CPU profile there. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

type Leg = 'direct' | 'rest' | 'mcp';
const LABELS: Record<Leg, string> = {
  direct: '(a) direct to the upstream (SDK client)',
  rest: '(b) POST /mcp/{slug}/v1/tools/{name}',
  mcp: '(c) /mcp/{slug}/v1 (SDK client)',
};

/**
 * Tool calls straight to the upstream vs through the REST gateway vs through the MCP gateway, one
 * run: loaded (`CONCURRENCY` callers, throughput and CPU per call of each process) and unloaded
 * (one caller, the latency the gateway adds to a call when nothing queues).
 */
async function main(): Promise<void> {
  const upstreamProcess = fork(join(ROOT, 'dist/bench/bench/support/upstream-process.js'));
  const upstreamUrl = await new Promise<string>((resolve) => upstreamProcess.once('message', (m: { url: string }) => resolve(m.url)));
  const platform = new Platform({
    workers: 1,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000', UPSTREAM_ALLOW_PRIVATE: 'true', GATEWAY_MAX_CONCURRENT_CALLS: '1000' },
    nodeArgs: PROFILE_DIR ? { api: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] } : {},
  });
  try {
    await platform.start();
    const dev = await registerAndLogin(platform.api.url);
    await deployRunning(platform.api.url, dev.token, await createTool(platform.api.url, dev.token, SLUG, upstreamUrl));
    const auth = { authorization: `Bearer ${dev.token}` };
    const direct = await sdkClient(upstreamUrl);
    const viaMcp = await sdkClient(`${platform.api.url}/mcp/${SLUG}/v1`, auth);
    const restUrl = `${platform.api.url}/mcp/${SLUG}/v1/tools/echo_text`;
    const calls: Record<Leg, () => Promise<void>> = {
      direct: async () => void (await direct.callTool({ name: 'echo_text', arguments: ARGS })),
      rest: async () => {
        const res = await fetch(restUrl, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(ARGS) });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(String(res.status));
      },
      mcp: async () => void (await viaMcp.callTool({ name: 'echo_text', arguments: ARGS })),
    };
    const legs = Object.keys(calls) as Leg[];
    for (const leg of legs) await closedLoop(calls[leg], 2); // warm-up: JIT, pools, SDK load
    const pids = { api: platform.api.pid!, upstream: upstreamProcess.pid!, bench: process.pid };
    // CPU per call of each process: loaded it bounds throughput, unloaded it is most of the latency added.
    const measure = async (callers: number, seconds: number) => {
      const figures = {} as Record<Leg, Figures & { cpu: Record<string, number> }>;
      for (const leg of legs) {
        const { result, perCall } = await cpuPerCall(pids, () => closedLoop(calls[leg], seconds, callers), (f) => f.calls);
        figures[leg] = { ...result, cpu: perCall };
      }
      return figures;
    };
    const loaded = await measure(CONCURRENCY, SECONDS);
    const unloaded = await measure(1, UNLOADED_SECONDS);
    await Promise.all([direct.close(), viaMcp.close()]);

    const cpu = (c: Record<string, number>) => `CPU/call: api ${c.api} ms, upstream ${c.upstream} ms, bench ${c.bench} ms`;
    console.log(`tools/call echo_text, upstream = official SDK server (Streamable HTTP) in its own process`);
    console.log(`loaded: ${CONCURRENCY} concurrent callers, ${SECONDS} s each`);
    for (const leg of legs) console.log(`${row(LABELS[leg], loaded[leg])}   ${cpu(loaded[leg].cpu)}`);
    console.log(`unloaded: 1 caller, ${UNLOADED_SECONDS} s each`);
    for (const leg of legs) console.log(`${row(LABELS[leg], unloaded[leg])}   ${cpu(unloaded[leg].cpu)}`);
    for (const leg of ['rest', 'mcp'] as const) {
      const share = (100 * loaded[leg].rps) / loaded.direct.rps;
      const added = unloaded[leg].p50 - unloaded.direct.p50;
      console.log(
        `${LABELS[leg].slice(0, 3)} ${leg.toUpperCase()}: ${share.toFixed(1)}% of direct throughput (target >= 50%); ` +
          `adds ${added.toFixed(2)} ms at p50 unloaded (target < 1 ms), ${(loaded[leg].p50 - loaded.direct.p50).toFixed(2)} ms loaded`,
      );
    }
  } finally {
    upstreamProcess.kill();
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
