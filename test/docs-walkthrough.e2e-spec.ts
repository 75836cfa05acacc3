import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bashBlocks, documentedStatuses, runnableScript } from './support/doc-script';
import { FakeGithub } from './support/fake-github';
import { Platform } from './support/platform';
import { RestApi } from './support/rest-api';
import { ROOT } from './support/service-process';
import { UpstreamMcp } from './support/upstream-mcp';

const WALKTHROUGH = join(ROOT, 'docs/walkthrough.md');
const REPOSITORY = 'walkthrough/weather-tool';
const GITHUB_TOKEN = 'ghp_walkthrough_token';
const WEBHOOK_SECRET = 'walkthrough-webhook-secret';

/** The manifest the walkthrough's repository holds: the tool at a version above the walkthrough's rollback. */
const MANIFEST = JSON.stringify({
  name: 'Weather MCP Tool',
  version: '1.2.0',
  description: 'Synced from GitHub',
  config: { servers: [{ name: 'weather-server', url: 'https://weather.example.com/mcp' }], tools: [{ name: 'get_weather', description: 'Weather' }] },
});

function runBash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * docs/walkthrough.md is a script: its bash blocks run in order in one shell against a real api
 * and worker (GitHub, the remote MCP server and the REST API are loopback stand-ins), and every curl must answer
 * with the status the page writes above it. A page that drifts from the code fails here.
 */
describe('docs/walkthrough.md', () => {
  const github = new FakeGithub();
  const upstream = new UpstreamMcp();
  const restApi = new RestApi();
  let platform: Platform;

  beforeAll(async () => {
    await Promise.all([github.start(), upstream.start(), restApi.start()]);
    github.addToken(GITHUB_TOKEN);
    github.createRepo(REPOSITORY, { 'mcp.json': MANIFEST });
    platform = await new Platform({ workers: 1, env: { GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET } }).start();
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await Promise.all([github.stop(), upstream.stop(), restApi.stop()]);
  });

  it('runs every bash block, each call answering the documented status', async () => {
    const blocks = bashBlocks(WALKTHROUGH);
    expect(documentedStatuses(blocks)).toBeGreaterThan(60);
    const run = await runBash(
      runnableScript(blocks),
      platform.env({
        HOME: process.env.HOME,
        BASE: platform.api.url,
        MCP_SERVER_URL: upstream.url,
        REST_API_URL: restApi.url,
        GITHUB_REPOSITORY_URL: `https://github.com/${REPOSITORY}`,
        GITHUB_TOKEN,
        GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
      }),
    );
    // The whole transcript on failure: the last "::block N" and the "::HTTP" line name the call.
    if (run.code !== 0 || !run.stderr.includes('::done')) throw new Error(`exit ${run.code}\n--- stderr\n${run.stderr}\n--- stdout\n${run.stdout}`);
  }, 240_000);
});
