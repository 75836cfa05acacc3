import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { createTool, deployRunning } from './support/deployments';
import { http } from './support/http';
import { Platform } from './support/platform';
import { UpstreamMcp, weatherFor } from './support/upstream-mcp';

const SLUG = 'weather-tool';

/**
 * Sends a client's first request (initialize or server/discover) to one replica and every later
 * one to the other, recording each status, as a round-robin load balancer would.
 */
function splitAcross(first: string, rest: string, statuses: number[]): typeof fetch {
  let sent = 0;
  return async (input, init) => {
    const target = sent++ === 0 ? first : rest;
    const url = new URL(String(input));
    const response = await fetch(`${target}${url.pathname}${url.search}`, init);
    statuses.push(response.status);
    return response;
  };
}

describe('MCP gateway (Streamable HTTP, both spec revisions, across replicas)', () => {
  const upstream = new UpstreamMcp();
  const platform = new Platform({ apis: 2, workers: 1, env: { UPSTREAM_ALLOW_PRIVATE: 'true' } });
  let dev: Account;
  const endpoint = (i: number) => new URL(`${platform.apis[i].url}/mcp/${SLUG}/v1`);
  const auth = () => ({ headers: { Authorization: `Bearer ${dev.token}` } });

  beforeAll(async () => {
    await upstream.start();
    await platform.start();
    dev = await registerAndLogin(platform.api.url);
    await deployRunning(platform.api.url, dev.token, await createTool(platform.api.url, dev.token, SLUG, upstream.url));
  }, 180_000);
  afterAll(async () => {
    await platform.stop();
    await upstream.stop();
  });

  it('a 1.x SDK client (2025-11-25) initializes through one replica and calls through the other', async () => {
    const statuses: number[] = [];
    const transport = new V1Transport(endpoint(0), { requestInit: auth(), fetch: splitAcross(platform.apis[0].url, platform.apis[1].url, statuses) });
    const client = new V1Client({ name: 'v1-agent', version: '1.0.0' });
    await client.connect(transport);
    expect(transport.sessionId).toEqual(expect.any(String));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['get_weather', 'echo_text', 'fail', 'sleep', 'big']);
    for (let i = 0; i < 5; i++) {
      const result = await client.callTool({ name: 'get_weather', arguments: CONTRACT.callWeather });
      expect(result.structuredContent).toEqual(CONTRACT.weatherAnswer);
    }
    await client.ping();
    const failed = await client.callTool({ name: 'fail', arguments: {} });
    expect(failed.isError).toBe(true);
    await client.close();
    expect(statuses.filter((s) => s === 404)).toEqual([]);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });

  it('a v2 SDK client in 2026-07-28 mode lists and calls tools statelessly on either replica', async () => {
    const statuses: number[] = [];
    const transport = new StreamableHTTPClientTransport(endpoint(1), {
      requestInit: auth(),
      fetch: splitAcross(platform.apis[1].url, platform.apis[0].url, statuses),
    });
    const client = new Client({ name: 'v2-agent', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(transport);
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('get_weather');
    const result = await client.callTool({ name: 'echo_text', arguments: { text: 'modern' } });
    expect(result.content).toEqual([{ type: 'text', text: 'echo: modern' }]);
    await client.close();
    expect(statuses.every((s) => s < 400)).toBe(true);
  });

  it('streams a 2026-07-28 subscriptions/listen (the one answer that is not JSON) until the client closes it', async () => {
    const client = new Client({ name: 'v2-agent', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new StreamableHTTPClientTransport(endpoint(0), { requestInit: auth() }));
    const subscription = await client.listen({ toolsListChanged: true });
    expect(subscription.honoredFilter).toEqual(expect.any(Object));
    await subscription.close();
    await expect(subscription.closed).resolves.toBe('local');
    expect((await client.callTool({ name: 'echo_text', arguments: { text: 'after' } })).content).toEqual([{ type: 'text', text: 'echo: after' }]);
    await client.close();
  });

  it('passes the upstream’s resources and prompts through, to a 1.x client and to a 2026-07-28 client', async () => {
    const v1 = new V1Client({ name: 'v1-agent', version: '1.0.0' });
    await v1.connect(new V1Transport(endpoint(0), { requestInit: auth() }));
    const v2 = new Client({ name: 'v2-agent', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await v2.connect(new StreamableHTTPClientTransport(endpoint(1), { requestInit: auth() }));
    for (const client of [v1, v2] as unknown as V1Client[]) {
      expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
      expect((await client.listResources()).resources).toEqual([expect.objectContaining({ uri: 'weather://notes', name: 'forecast-notes' })]);
      expect((await client.readResource({ uri: 'weather://notes' })).contents).toEqual([{ uri: 'weather://notes', mimeType: 'text/plain', text: 'Forecasts update hourly.' }]);
      expect((await client.listResourceTemplates()).resourceTemplates).toEqual([expect.objectContaining({ uriTemplate: 'weather://city/{name}' })]);
      const city = await client.readResource({ uri: 'weather://city/Paris' });
      expect(JSON.parse((city.contents[0] as { text: string }).text)).toEqual(weatherFor('Paris'));
      expect((await client.listPrompts()).prompts).toEqual([expect.objectContaining({ name: 'weather-report' })]);
      const prompt = await client.getPrompt({ name: 'weather-report', arguments: { location: 'Oslo' } });
      expect(prompt.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Write a short weather report for Oslo.' } }]);
    }
    await Promise.all([v1.close(), v2.close()]);
  });

  it('answers a 2025-11-25 POST with one application/json body, the session id on the initialize answer', async () => {
    const headers = { accept: 'application/json, text/event-stream' };
    const init = await http(platform.apis[0].url, 'POST', `/mcp/${SLUG}/v1`, {
      token: dev.token,
      headers,
      json: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } },
    });
    expect(init.status).toBe(200);
    expect(init.headers.get('content-type')).toMatch(/^application\/json/);
    expect(init.body).toMatchObject({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-11-25', capabilities: { tools: {} } } });
    const session = init.headers.get('mcp-session-id');
    expect(session).toEqual(expect.any(String));
    const call = await http(platform.apis[1].url, 'POST', `/mcp/${SLUG}/v1`, {
      token: dev.token,
      headers: { ...headers, 'mcp-session-id': session!, 'mcp-protocol-version': '2025-11-25' },
      json: { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo_text', arguments: { text: 'json' } } },
    });
    expect(call.status).toBe(200);
    expect(call.headers.get('content-type')).toMatch(/^application\/json/);
    expect(call.headers.get('mcp-session-id')).toBeNull();
    expect(call.body).toEqual({ jsonrpc: '2.0', id: 2, result: { content: [{ type: 'text', text: 'echo: json' }] } });
  });

  it('hands an upstream’s JSON-RPC error to the MCP client as the upstream sent it (code, message, data)', async () => {
    const v1 = () => new V1Client({ name: 'v1-agent', version: '1.0.0' });
    const v2 = () => new Client({ name: 'v2-agent', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    const [directV1, viaV1, directV2, viaV2] = [v1(), v1(), v2(), v2()];
    await directV1.connect(new V1Transport(new URL(upstream.url)));
    await viaV1.connect(new V1Transport(endpoint(0), { requestInit: auth() }));
    await directV2.connect(new StreamableHTTPClientTransport(new URL(upstream.url)));
    await viaV2.connect(new StreamableHTTPClientTransport(endpoint(1), { requestInit: auth() }));
    const failuresOf = async (client: V1Client) => {
      const failure = (err: { code?: unknown; message: string; data?: unknown }) => ({ code: err.code, message: err.message, data: err.data });
      return Promise.all([
        client.readResource({ uri: 'weather://nowhere' }).then(() => undefined, failure),
        client.getPrompt({ name: 'no-such-prompt', arguments: {} }).then(() => undefined, failure),
      ]);
    };
    for (const [direct, via] of [
      [directV1, viaV1],
      [directV2, viaV2],
    ] as unknown as [V1Client, V1Client][]) {
      const expected = await failuresOf(direct);
      expect(expected.map((e) => typeof e?.code)).toEqual(['number', 'number']);
      expect(expected.map((e) => e?.code)).not.toContain(-32603);
      expect(await failuresOf(via)).toEqual(expected);
    }
    await Promise.all([directV1, viaV1, directV2, viaV2].map((client) => client.close()));
  });

  it('holds a deployment’s concurrency cap across replicas: 429 beyond it, slots freed after', async () => {
    await deployRunning(platform.api.url, dev.token, await createTool(platform.api.url, dev.token, 'capped-tool', upstream.url), { max_concurrency: 2 });
    const sleep = (i: number, ms: number) => http(platform.apis[i].url, 'POST', '/mcp/capped-tool/v1/tools/sleep', { token: dev.token, json: { ms } });
    const answers = await Promise.all([sleep(0, 3_000), sleep(1, 3_000), sleep(0, 3_000), sleep(1, 3_000)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429, 429]);
    expect(answers.find((a) => a.status === 429)?.body).toMatchObject({ error_code: 'RATE_LIMIT_EXCEEDED', limit: 2, retry_after: 1 });
    expect((await Promise.all([sleep(0, 1), sleep(1, 1)])).map((a) => a.status)).toEqual([200, 200]);
  });

  it('counts MCP calls in the deployment metrics like REST calls', async () => {
    const list = await http(platform.api.url, 'GET', '/api/v1/deployments?status=running', { token: dev.token });
    const { deployment_id } = list.body.deployments.find((d: { endpoint_url: string }) => d.endpoint_url.endsWith(`/mcp/${SLUG}/v1`));
    const detail = await http(platform.api.url, 'GET', `/api/v1/deployments/${deployment_id}`, { token: dev.token });
    expect(detail.body.metrics.requests_total).toBeGreaterThanOrEqual(7);
  });

  it('refuses a request without credentials (401 with WWW-Authenticate) and a forged session id (404)', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
    const headers = { accept: 'application/json, text/event-stream' };
    const anonymous = await http(platform.api.url, 'POST', `/mcp/${SLUG}/v1`, { json: init, headers });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const forged = await http(platform.api.url, 'POST', `/mcp/${SLUG}/v1`, {
      token: dev.token,
      json: { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
      headers: { ...headers, 'mcp-session-id': 'eyJkIjoieCJ9.forged', 'mcp-protocol-version': '2025-11-25' },
    });
    expect(forged.status).toBe(404);
  });
});
