import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Account, registerAndLogin } from '../test/support/accounts';
import { CONTRACT } from '../test/support/contract';
import { http } from '../test/support/http';
import { Platform } from '../test/support/platform';
import { ROOT } from '../test/support/service-process';
import { WsClient } from '../test/support/realtime';
import { percentile } from './support/load';

const LATENCY_SAMPLES = 200;
const THROUGHPUT_TASKS = 600;
const SUBMIT_CONCURRENCY = 16;
const RAW_BULL = join(ROOT, 'bench', 'support', 'raw-bull.js');

/** POST /analyze/feasibility → `completed` on /ws, one task at a time. */
async function endToEndLatency(url: string, dev: Account): Promise<number[]> {
  const ws = await WsClient.connect(url, dev.token);
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const started = process.hrtime.bigint();
    const res = await http(url, 'POST', '/api/v1/analyze/feasibility', { token: dev.token, json: CONTRACT.feasibility });
    const taskId = res.body.task_id as string;
    ws.send({ type: 'subscribe', task_id: taskId });
    await ws.next((m) => m.type === 'task_update' && m.task_id === taskId && m.status === 'completed');
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    ws.send({ type: 'unsubscribe', task_id: taskId });
  }
  ws.close();
  return samples.sort((a, b) => a - b);
}

/** Submits many tasks at once and counts them completed (via the tasks table) per second. */
async function throughput(platform: Platform, dev: Account): Promise<number> {
  const url = platform.api.url;
  const before = Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE status = 'completed'`))[0].n);
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: SUBMIT_CONCURRENCY }, async () => {
      while (next++ < THROUGHPUT_TASKS) {
        await http(url, 'POST', '/api/v1/analyze/feasibility', { token: dev.token, json: CONTRACT.feasibility });
      }
    }),
  );
  for (;;) {
    const done = Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE status = 'completed'`))[0].n) - before;
    if (done >= THROUGHPUT_TASKS) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return THROUGHPUT_TASKS / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main(): Promise<void> {
  // One account submits the whole burst: lift the per-user cap on unfinished tasks for the measurement.
  const env = { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000', TASKS_MAX_UNFINISHED_PER_USER: '1000000' };
  const platform = await new Platform({ workers: 1, env }).start();
  try {
    const dev = await registerAndLogin(platform.api.url);
    const latency = await endToEndLatency(platform.api.url, dev);
    const oneWorker = await throughput(platform, dev);
    platform.workers.push(await (await platform.spawn('worker')).waitReady());
    const twoWorkers = await throughput(platform, dev);
    const raw = spawnSync(process.execPath, [RAW_BULL], {
      env: { ...process.env, JOBS: String(THROUGHPUT_TASKS), CONCURRENCY: '4', PREFIX: `${platform.queuePrefix}-raw` },
      encoding: 'utf8',
    });
    const rawBull = JSON.parse(raw.stdout).jobsPerSecond as number;

    console.log(`end-to-end POST /analyze/feasibility -> completed on /ws (${LATENCY_SAMPLES} sequential tasks)`);
    console.log(`  p50 ${percentile(latency, 50).toFixed(1)} ms   p99 ${percentile(latency, 99).toFixed(1)} ms   (target p50 < 30 ms)`);
    console.log(`sustained (${THROUGHPUT_TASKS} tasks, ${SUBMIT_CONCURRENCY} concurrent submitters)`);
    console.log(`  1 worker:  ${oneWorker.toFixed(0)} tasks/s`);
    console.log(`  2 workers: ${twoWorkers.toFixed(0)} tasks/s`);
    console.log(`  raw Bull no-op jobs, concurrency 4: ${rawBull.toFixed(0)} jobs/s`);
    console.log(`  ratio platform (best) / raw Bull: ${((100 * Math.max(oneWorker, twoWorkers)) / rawBull).toFixed(1)}% (target >= 50%)`);
  } finally {
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
