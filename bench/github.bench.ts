import { createHmac, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import examples from '@octokit/webhooks-examples';
import { registerAndLogin } from '../test/support/accounts';
import { CONTRACT } from '../test/support/contract';
import { FakeGithub } from '../test/support/fake-github';
import { http } from '../test/support/http';
import { Platform } from '../test/support/platform';

const RATE = 200;
const SECONDS = 10;
const SECRET = 'bench-webhook-secret';
const PUSH = (examples as { name: string; examples: Record<string, any>[] }[])
  .find((e) => e.name === 'push')!
  .examples.find((p) => p.ref === 'refs/heads/master' && p.deleted === false)!;

interface Measured {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
}

/** A fixed arrival rate (not a closed loop), each request with a fresh X-GitHub-Delivery like GitHub's. */
async function atRate(url: string, method: 'GET' | 'POST', body?: string, headers: Record<string, string> = {}): Promise<Measured> {
  const result = await autocannon({
    url,
    method,
    body,
    headers,
    connections: 20,
    overallRate: RATE,
    duration: SECONDS,
    requests: [{ setupRequest: (req: any) => ({ ...req, headers: { ...req.headers, 'x-github-delivery': randomUUID() } }) }],
  });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: Math.round(result.requests.average), non2xx: result.non2xx, errors: result.errors };
}

const line = (label: string, m: Measured) =>
  `${label.padEnd(44)} ${String(m.rps).padStart(4)} req/s   p50 ${m.p50} ms   p99 ${m.p99} ms   errors ${m.errors}   non-2xx ${m.non2xx}`;

/**
 * Webhook acknowledgement under GitHub-like load: signed pushes (a real payload from
 * @octokit/webhooks-examples) to a tracked branch at 200 deliveries/s, each verified, de-duplicated
 * and turned into a queued sync, while a worker runs those syncs against the stand-in. Baseline in
 * the same run: the unauthenticated /health/live at the same rate.
 */
async function main(): Promise<void> {
  const github = await new FakeGithub().start();
  const token = github.addToken('ghp_bench_token_0123456789abcdef0123');
  github.createRepo('Codertocat/Hello-World', { 'mcp.json': JSON.stringify({ ...CONTRACT.createTool, slug: undefined }) }, 'master');
  const platform = await new Platform({
    workers: 1,
    env: { LOG_LEVEL: 'warn', GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET, RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000', TASKS_MAX_UNFINISHED_PER_USER: '100000' },
  }).start();
  try {
    const url = platform.api.url;
    const dev = await registerAndLogin(url);
    const tool = await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: CONTRACT.createTool });
    const connected = await http(url, 'POST', '/api/v1/github/connect', {
      token: dev.token,
      json: { repository_url: 'https://github.com/Codertocat/Hello-World', tool_id: tool.body.id, access_token: token },
    });
    if (connected.status !== 201) throw new Error(`connect failed: ${connected.status} ${connected.text}`);

    const body = JSON.stringify(PUSH);
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const push = { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': signature };
    const ping = { ...push, 'x-github-event': 'ping' };
    await atRate(`${url}/api/v1/github/webhook`, 'POST', body, ping); // warm-up

    const health = await atRate(`${url}/health/live`, 'GET');
    const pings = await atRate(`${url}/api/v1/github/webhook`, 'POST', body, ping);
    const pushes = await atRate(`${url}/api/v1/github/webhook`, 'POST', body, push);
    const queued = Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE type = 'github.sync'`))[0].n);

    console.log(`webhook acknowledgement at ${RATE} deliveries/s for ${SECONDS} s (${Buffer.byteLength(body)}-byte push payload, 1 worker syncing)`);
    console.log(line('GET /health/live (baseline)', health));
    console.log(line('POST webhook, ping (signature check)', pings));
    console.log(line('POST webhook, push to tracked branch (+ sync queued)', pushes));
    console.log(`  p99 push ${pushes.p99} ms (target < 50 ms); ${(pushes.p99 / Math.max(1, health.p99)).toFixed(1)}x the baseline's p99; ${queued} sync tasks queued`);
  } finally {
    await platform.stop();
    await github.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
