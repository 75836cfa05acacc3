/**
 * Raw Bull on the same Redis: add N no-op jobs and process them with the same concurrency as the
 * platform's analysis queue; prints jobs/s as JSON on stdout.
 */
const Queue = require('bull');

async function main() {
  const total = Number(process.env.JOBS ?? 1000);
  const concurrency = Number(process.env.CONCURRENCY ?? 4);
  const queue = new Queue('raw-bench', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { prefix: process.env.PREFIX });
  let done = 0;
  const finished = new Promise((resolve) => queue.on('global:completed', () => ++done === total && resolve()));
  await queue.isReady();
  const started = process.hrtime.bigint();
  await queue.addBulk(Array.from({ length: total }, (_, i) => ({ name: 'noop', data: { i }, opts: { removeOnComplete: 1000 } })));
  queue.process('noop', concurrency, async () => ({ ok: true }));
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await queue.obliterate({ force: true });
  await queue.close();
  process.stdout.write(JSON.stringify({ jobs: total, seconds, jobsPerSecond: total / seconds }) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
