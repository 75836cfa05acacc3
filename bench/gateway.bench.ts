import { fork } from 'node:child_process';
import { join } from 'node:path';
import { registerAndLogin } from '../test/support/accounts';
import { createTool, deployRunning } from '../test/support/deployments';
import { Platform } from '../test/support/platform';
import { ROOT } from '../test/support/service-process';
import { closedLoop, CONCURRENCY, row, sdkClient } from './support/closed-loop';

const SECONDS = 8;
const SLUG = 'bench-tool';
const ARGS = { text: 'hi' };

/** Tool calls straight to the upstream vs through the REST gateway vs through the MCP gateway, one run. */
async function main(): Promise<void> {
  const upstreamProcess = fork(join(ROOT, 'dist/bench/bench/support/upstream-process.js'));
  const upstreamUrl = await new Promise<string>((resolve) => upstreamProcess.once('message', (m: { url: string }) => resolve(m.url)));
  const platform = await new Platform({
    workers: 1,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000', UPSTREAM_ALLOW_PRIVATE: 'true', GATEWAY_MAX_CONCURRENT_CALLS: '1000' },
  }).start();
  try {
    const dev = await registerAndLogin(platform.api.url);
    await deployRunning(platform.api.url, dev.token, await createTool(platform.api.url, dev.token, SLUG, upstreamUrl));
    const auth = { authorization: `Bearer ${dev.token}` };
    const direct = await sdkClient(upstreamUrl);
    const viaMcp = await sdkClient(`${platform.api.url}/mcp/${SLUG}/v1`, auth);
    const restUrl = `${platform.api.url}/mcp/${SLUG}/v1/tools/echo_text`;
    const rest = async () => {
      const res = await fetch(restUrl, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(ARGS) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(String(res.status));
    };
    const calls = {
      direct: async () => void (await direct.callTool({ name: 'echo_text', arguments: ARGS })),
      rest,
      mcp: async () => void (await viaMcp.callTool({ name: 'echo_text', arguments: ARGS })),
    };
    for (const call of Object.values(calls)) await closedLoop(call, 2); // warm-up: JIT, pools, SDK load
    const a = await closedLoop(calls.direct, SECONDS);
    const b = await closedLoop(calls.rest, SECONDS);
    const c = await closedLoop(calls.mcp, SECONDS);
    await Promise.all([direct.close(), viaMcp.close()]);

    console.log(`tools/call echo_text, ${CONCURRENCY} concurrent callers, ${SECONDS} s each, upstream = official SDK server (Streamable HTTP)`);
    console.log(row('(a) direct to the upstream (SDK client)', a));
    console.log(row('(b) POST /mcp/{slug}/v1/tools/{name}', b));
    console.log(row('(c) /mcp/{slug}/v1 (SDK client)', c));
    for (const [label, f] of [['(b) REST', b], ['(c) MCP', c]] as const) {
      console.log(`${label}: ${((100 * f.rps) / a.rps).toFixed(1)}% of direct throughput (target >= 50%), p50 ${(f.p50 - a.p50).toFixed(2)} ms over direct (target < 1 ms)`);
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
