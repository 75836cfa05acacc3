import { createServer, Server } from 'node:http';
import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { createTool, waitForDeployment } from './support/deployments';
import { freePort } from './support/free-port';
import { http } from './support/http';
import { Platform } from './support/platform';
import { RestApi, restToolConfig } from './support/rest-api';
import { UpstreamMcp } from './support/upstream-mcp';

/** An HTTP server on an allowed address that redirects every request (307 keeps the POST) elsewhere. */
async function redirector(host: string, to: string): Promise<{ url: string; close: () => void }> {
  const port = await freePort();
  const server: Server = createServer((_req, res) => res.writeHead(307, { location: to }).end());
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { url: `http://${host}:${port}/mcp`, close: () => server.close() };
}

describe('upstream addresses are checked when connecting (UPSTREAM_ALLOW_PRIVATE=false)', () => {
  const upstream = new UpstreamMcp();
  // 127.0.0.2 stands for an on-premise server an operator allows explicitly.
  const allowed = new UpstreamMcp('127.0.0.2');
  const restApi = new RestApi();
  const platform = new Platform({ workers: 1, env: { UPSTREAM_ALLOW_PRIVATE: 'false', UPSTREAM_ALLOWED_ADDRESSES: '127.0.0.2' } });
  let dev: Account;
  let url: string;
  let hop: { url: string; close: () => void };

  const deploy = async (slug: string, upstreamUrl: string) => {
    const toolId = await createTool(url, dev.token, slug, upstreamUrl);
    const res = await http(url, 'POST', '/api/v1/deployments', { token: dev.token, json: CONTRACT.deploy(toolId) });
    expect(res.status).toBe(201);
    return waitForDeployment(url, dev.token, res.body.deployment_id, (d) => d.status !== 'starting');
  };

  beforeAll(async () => {
    await Promise.all([upstream.start(), allowed.start(), restApi.start()]);
    hop = await redirector('127.0.0.2', upstream.url);
    await platform.start();
    url = platform.api.url;
    dev = await registerAndLogin(url);
  }, 180_000);
  afterAll(async () => {
    hop.close();
    await platform.stop();
    await Promise.all([upstream.stop(), allowed.stop(), restApi.stop()]);
  });

  it('connects to an allowed address (the control: the checks refuse by address, not always)', async () => {
    const d = await deploy('allowed-tool', allowed.url);
    expect(d.status).toBe('running');
  });

  it.each([
    ['loopback', 'loopback-tool', () => upstream.url],
    ['IPv6 loopback', 'ipv6-tool', () => `http://[::1]:${upstream.port}/mcp`],
    ['cloud metadata (link-local)', 'metadata-tool', () => 'http://169.254.169.254/mcp'],
    ['decimal-encoded loopback', 'decimal-tool', () => `http://2130706433:${upstream.port}/mcp`],
    ['a name resolving to loopback', 'dns-tool', () => `http://localhost:${upstream.port}/mcp`],
  ])('refuses %s', async (_label, slug, target) => {
    const d = await deploy(slug, target());
    expect(d.status).toBe('failed');
    expect(d.error).toContain('not allowed (private, loopback or link-local)');
    expect(upstream.calls).toBe(0);
  });

  // The SDK follows only same-origin redirects, so this one fails before our agent sees the second
  // hop; the agent's refusal of a redirect hop is covered by safe-fetch.spec.ts.
  it('refuses a redirect to loopback', async () => {
    const d = await deploy('redirect-tool', hop.url);
    expect(d.status).toBe('failed');
    expect(upstream.calls).toBe(0);
  });

  it('refuses a REST tool whose API is on loopback, before any request reaches it', async () => {
    const toolId = (await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: { name: 'Loopback REST', slug: 'loopback-rest', version: '1.0.0', config: restToolConfig(restApi.url) } })).body.id;
    const res = await http(url, 'POST', '/api/v1/deployments', { token: dev.token, json: CONTRACT.deploy(toolId) });
    const d = await waitForDeployment(url, dev.token, res.body.deployment_id, (b) => b.status !== 'starting');
    expect(d.status).toBe('failed');
    expect(d.error).toContain('not allowed (private, loopback or link-local)');
    expect([restApi.seen.length, restApi.probes]).toEqual([0, 0]);
  });
});
