import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { login, registerAndLogin } from '../test/support/accounts';
import { CONTRACT } from '../test/support/contract';
import { deployRunning } from '../test/support/deployments';
import { Platform } from '../test/support/platform';
import { processesWithMarker, residentMiB, WEATHER_SERVER } from '../test/support/stdio/processes';
import { createStdioTool, stdioToolFor } from '../test/support/stdio/stdio-tools';
import { closedLoop, CONCURRENCY, type Figures, row, sdkClient } from './support/closed-loop';

const SECONDS = 8;
const ARGS = CONTRACT.callWeather;

/** Mean resident memory of the weather-server processes tagged `marker` (the servers, not their runtime). */
function memoryPerInstance(marker: string): string {
  const servers = processesWithMarker(marker).filter((pid) => readFileSync(join('/proc', String(pid), 'cmdline'), 'utf8').includes('weather-server'));
  const sizes = servers.map(residentMiB).filter((m): m is number => m !== undefined);
  const mean = sizes.reduce((a, b) => a + b, 0) / (sizes.length || 1);
  return `${sizes.length} process(es), ${mean.toFixed(1)} MiB RSS each`;
}

/**
 * The same stdio MCP server (official SDK) called directly over stdio with the SDK client, and
 * through the gateway (the worker runs it, the api calls the worker's runner) with 1 and 2
 * replicas, in one run.
 */
async function main(): Promise<void> {
  const platform = await new Platform({
    workers: 1,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000', GATEWAY_MAX_CONCURRENT_CALLS: '1000' },
  }).start();
  const direct = new Client({ name: 'bench', version: '1.0.0' });
  try {
    const url = platform.api.url;
    let admin = await registerAndLogin(url);
    await platform.sql(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.id]);
    admin = { ...admin, ...(await login(url, admin.username, admin.password)) };
    const auth = { authorization: `Bearer ${admin.token}` };
    const deployed = async (replicas: number) => {
      const slug = `bench-stdio-${replicas}`;
      const toolId = await createStdioTool(url, admin.token, stdioToolFor(slug, slug));
      await deployRunning(url, admin.token, toolId, { replicas });
      return sdkClient(`${url}/mcp/${slug}/v1`, auth);
    };
    const [one, two] = [await deployed(1), await deployed(2)];
    await direct.connect(new StdioClientTransport({ command: process.execPath, args: [WEATHER_SERVER, '--marker=bench-stdio-direct'], stderr: 'ignore' }));

    const calls = {
      direct: async () => void (await direct.callTool({ name: 'get_weather', arguments: ARGS })),
      one: async () => void (await one.callTool({ name: 'get_weather', arguments: ARGS })),
      two: async () => void (await two.callTool({ name: 'get_weather', arguments: ARGS })),
    };
    for (const call of Object.values(calls)) await closedLoop(call, 2); // warm-up: JIT, pools, SDK load
    const results: Record<keyof typeof calls, Figures> = {
      direct: await closedLoop(calls.direct, SECONDS),
      one: await closedLoop(calls.one, SECONDS),
      two: await closedLoop(calls.two, SECONDS),
    };

    console.log(`tools/call get_weather, ${CONCURRENCY} concurrent callers, ${SECONDS} s each, server = official SDK server over stdio`);
    console.log(row('(d) direct over stdio (SDK client)', results.direct));
    console.log(row('(e) /mcp/{slug}/v1, stdio, 1 replica', results.one));
    console.log(row('(f) /mcp/{slug}/v1, stdio, 2 replicas', results.two));
    for (const [label, f] of [['(e) 1 replica', results.one], ['(f) 2 replicas', results.two]] as const) {
      console.log(`${label}: ${((100 * f.rps) / results.direct.rps).toFixed(1)}% of direct stdio throughput, p50 ${(f.p50 - results.direct.p50).toFixed(2)} ms over direct`);
    }
    console.log(`memory per instance: direct ${memoryPerInstance('bench-stdio-direct')}; 1 replica ${memoryPerInstance('bench-stdio-1')}; 2 replicas ${memoryPerInstance('bench-stdio-2')}`);
    await Promise.all([one.close(), two.close()]);
  } finally {
    await direct.close();
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
