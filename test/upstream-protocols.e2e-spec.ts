import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { createTool, deployRunning, waitForDeployment } from './support/deployments';
import { http } from './support/http';
import { LegacyUpstreamMcp } from './support/legacy-upstream-mcp';
import { Platform } from './support/platform';
import type { Exchange } from './support/recorded-exchanges';
import { until } from './support/realtime';
import { UpstreamMcp } from './support/upstream-mcp';

const MODERN = '2026-07-28';
const SERVER_INFO = 'io.modelcontextprotocol/serverInfo';

const count = (exchanges: Exchange[], method: string) => exchanges.filter((e) => e.method === method).length;

/**
 * The gateway's own MCP client (api and worker) against upstreams of both protocol eras: it speaks
 * 2026-07-28 to an upstream that offers it, and the 2025 handshake, after one refused probe per
 * connection, to one that does not.
 */
describe('upstream MCP servers of both protocol eras', () => {
  const modern = new UpstreamMcp('127.0.0.1', { record: true });
  const stateful = new LegacyUpstreamMcp('stateful');
  const stateless = new LegacyUpstreamMcp('stateless');
  const platform = new Platform({
    workers: 1,
    env: { UPSTREAM_ALLOW_PRIVATE: 'true', DEPLOYMENT_HEALTH_INTERVAL_MS: '300', GATEWAY_MAX_RESPONSE_BYTES: '65536' },
  });
  let dev: Account;

  const call = (slug: string, tool: string, args: unknown) => http(platform.api.url, 'POST', `/mcp/${slug}/v1/tools/${tool}`, { token: dev.token, json: args });
  const deploy = async (slug: string, upstreamUrl: string) =>
    deployRunning(platform.api.url, dev.token, await createTool(platform.api.url, dev.token, slug, upstreamUrl));
  /** A client of the gateway's MCP endpoint (2026-07-28, so results carry the server's `_meta` stamp). */
  const gatewayClient = async (slug: string) => {
    const client = new Client({ name: 'agent', version: '1.0.0' }, { versionNegotiation: { mode: { pin: MODERN } } });
    const endpoint = new URL(`${platform.api.url}/mcp/${slug}/v1`);
    await client.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: { authorization: `Bearer ${dev.token}` } } }));
    return client;
  };
  /** Health checked again since `since` (the sweep runs every 300 ms), and healthy. */
  const healthyAgain = (id: string, since: number) =>
    waitForDeployment(platform.api.url, dev.token, id, (d) => d.health_status === 'healthy' && Date.parse(d.last_health_check) > since);

  beforeAll(async () => {
    await Promise.all([modern.start(), stateful.start(), stateless.start()]);
    await platform.start();
    dev = await registerAndLogin(platform.api.url);
  }, 180_000);
  afterAll(async () => {
    await platform.stop();
    await Promise.all([modern.stop(), stateful.stop(), stateless.stop()]);
  });

  describe('a 2026-07-28 upstream (SDK v2 createMcpHandler)', () => {
    let id: string;

    beforeAll(async () => {
      id = await deploy('modern-tool', modern.url);
    });

    it('is spoken to in 2026-07-28 only (server/discover, no initialize), every call answered as JSON, not SSE', async () => {
      expect((await call('modern-tool', 'get_weather', CONTRACT.callWeather)).body).toEqual(CONTRACT.weatherAnswer);
      expect((await call('modern-tool', 'echo_text', { text: 'hi' })).body).toEqual({ content: [{ type: 'text', text: 'echo: hi' }] });
      expect((await call('modern-tool', 'fail', {})).body).toMatchObject({ error_code: 'TOOL_ERROR', detail: 'upstream exploded' });
      expect(modern.exchanges.length).toBeGreaterThan(0);
      // An `initialize` carries no protocol version header: every request here claimed 2026-07-28.
      expect(modern.exchanges.filter((e) => e.protocolVersion !== MODERN)).toEqual([]);
      expect(count(modern.exchanges, 'server/discover')).toBeGreaterThanOrEqual(1);
      const calls = modern.exchanges.filter((e) => e.method === 'tools/call');
      expect(calls).toHaveLength(3);
      expect(calls.every((e) => e.status === 200 && e.contentType?.startsWith('application/json'))).toBe(true);
      expect(count(modern.exchanges, 'tools/list')).toBeGreaterThanOrEqual(1); // the worker's tool list at start
    });

    it('through the MCP endpoint: stored tools, calls and resources; results carry the gateway’s identity, not the upstream’s', async () => {
      const client = await gatewayClient('modern-tool');
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['get_weather', 'echo_text', 'fail', 'sleep', 'big']);
      const result = await client.callTool({ name: 'get_weather', arguments: CONTRACT.callWeather });
      expect(result.structuredContent).toEqual(CONTRACT.weatherAnswer);
      expect(result._meta?.[SERVER_INFO]).toMatchObject({ name: 'modern-tool' });
      expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
      const notes = await client.readResource({ uri: 'weather://notes' });
      expect(notes.contents).toEqual([{ uri: 'weather://notes', mimeType: 'text/plain', text: 'Forecasts update hourly.' }]);
      expect(notes._meta?.[SERVER_INFO]).toMatchObject({ name: 'modern-tool' });
      await client.close();
    });

    it('health checks use server/discover (2026-07-28 has no ping)', async () => {
      const discovers = count(modern.exchanges, 'server/discover');
      await healthyAgain(id, Date.now());
      await until(() => count(modern.exchanges, 'server/discover') > discovers);
      expect(count(modern.exchanges, 'ping')).toBe(0);
    });

    it('an oversized JSON answer fails its own call only: a call beside it completes', async () => {
      const slow = call('modern-tool', 'sleep', { ms: 300 });
      await new Promise((r) => setTimeout(r, 50));
      const big = await call('modern-tool', 'big', { kb: 100 });
      expect(big.status).toBe(502);
      expect(big.body.error_code).toBe('UPSTREAM_RESPONSE_TOO_LARGE');
      expect((await slow).body).toEqual({ slept: 300 });
    });
  });

  describe('a 2025-only upstream (SDK 1.x, stateful with sessions)', () => {
    let id: string;

    beforeAll(async () => {
      id = await deploy('legacy-tool', stateful.url);
    });

    it('stores its tools at start and answers REST calls (structured, text, isError) after the 2025 handshake', async () => {
      expect((await call('legacy-tool', 'get_weather', CONTRACT.callWeather)).body).toEqual(CONTRACT.weatherAnswer);
      expect((await call('legacy-tool', 'echo_text', { text: 'hi' })).body).toEqual({ content: [{ type: 'text', text: 'echo: hi' }] });
      const failed = await call('legacy-tool', 'fail', {});
      expect(failed.status).toBe(502);
      expect(failed.body).toMatchObject({ error_code: 'TOOL_ERROR', detail: 'upstream exploded' });
      const calls = stateful.exchanges.filter((e) => e.method === 'tools/call');
      expect(calls).toHaveLength(3);
      expect(calls.every((e) => e.protocolVersion !== MODERN && e.contentType?.startsWith('text/event-stream'))).toBe(true);
    });

    it('pays one refused probe per connection, never one per call', async () => {
      // Each connection (the worker's, the api's): a server/discover answered 400, then initialize.
      const probes = stateful.exchanges.filter((e) => e.method === 'server/discover');
      expect(probes.every((e) => e.status === 400)).toBe(true);
      expect(probes.length).toBe(count(stateful.exchanges, 'initialize'));
      expect(probes.length).toBe(stateful.sessionCount);
      const before = stateful.exchanges.length;
      for (let i = 0; i < 10; i++) expect((await call('legacy-tool', 'echo_text', { text: `${i}` })).status).toBe(200);
      // The worker's health pings go on meanwhile; nothing else reaches the upstream.
      const since = stateful.exchanges.slice(before).filter((e) => e.method !== 'ping');
      expect(since.map((e) => e.method)).toEqual(Array(10).fill('tools/call'));
    });

    it('through the MCP endpoint: stored tools, calls and resources', async () => {
      const client = await gatewayClient('legacy-tool');
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['get_weather', 'echo_text', 'fail', 'big']);
      const result = await client.callTool({ name: 'get_weather', arguments: CONTRACT.callWeather });
      expect(result.structuredContent).toEqual(CONTRACT.weatherAnswer);
      expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {} });
      const notes = await client.readResource({ uri: 'weather://notes' });
      expect(notes.contents).toEqual([{ uri: 'weather://notes', mimeType: 'text/plain', text: 'Forecasts update hourly.' }]);
      await client.close();
    });

    it('health checks use ping', async () => {
      const pings = count(stateful.exchanges, 'ping');
      await healthyAgain(id, Date.now());
      await until(() => count(stateful.exchanges, 'ping') > pings);
    });

    it('an oversized streamed (SSE) answer still maps to 502 UPSTREAM_RESPONSE_TOO_LARGE', async () => {
      const res = await call('legacy-tool', 'big', { kb: 100 });
      expect(res.status).toBe(502);
      expect(res.body.error_code).toBe('UPSTREAM_RESPONSE_TOO_LARGE');
      expect((await call('legacy-tool', 'echo_text', { text: 'after' })).status).toBe(200);
    });
  });

  it('a 2025-only stateless upstream (SDK 1.x): tools stored, calls answered, one probe per connection', async () => {
    await deploy('stateless-tool', stateless.url);
    expect((await call('stateless-tool', 'get_weather', CONTRACT.callWeather)).body).toEqual(CONTRACT.weatherAnswer);
    const client = await gatewayClient('stateless-tool');
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['get_weather', 'echo_text', 'fail', 'big']);
    expect((await client.callTool({ name: 'echo_text', arguments: { text: 'x' } })).content).toEqual([{ type: 'text', text: 'echo: x' }]);
    await client.close();
    const probes = stateless.exchanges.filter((e) => e.method === 'server/discover');
    expect(probes.every((e) => e.status >= 400 && e.status < 500)).toBe(true);
    expect(probes.length).toBe(count(stateless.exchanges, 'initialize'));
  });
});
