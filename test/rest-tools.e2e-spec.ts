import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Account, registerAndLogin } from './support/accounts';
import { deployRunning, waitForDeployment } from './support/deployments';
import { http } from './support/http';
import { Platform } from './support/platform';
import { REST_API_KEY, RestApi, restApiOpenApi, restToolConfig } from './support/rest-api';

describe('REST APIs as MCP tools (servers with transport "http")', () => {
  const api = new RestApi();
  const platform = new Platform({ workers: 1, env: { UPSTREAM_ALLOW_PRIVATE: 'true', DEPLOYMENT_HEALTH_INTERVAL_MS: '1000' } });
  let url: string;
  let dev: Account;
  let toolId: string;
  let deploymentId: string;

  const call = (tool: string, args: unknown) => http(url, 'POST', `/mcp/notes-tool/v1/tools/${tool}`, { token: dev.token, json: args });

  beforeAll(async () => {
    await api.start();
    await platform.start();
    url = platform.api.url;
    dev = await registerAndLogin(url);
  }, 180_000);
  afterAll(async () => {
    await platform.stop();
    await api.stop();
  });

  it('refuses a bad mapping with the exact loc of each problem', async () => {
    const config = restToolConfig(api.url);
    config.tools[0].http = { method: 'FETCH', path: '/forecast/{town}' } as never;
    (config.tools[1].http as Record<string, unknown>).header_params = { 'Bad Header': 'trace', Host: 'title' };
    (config.tools[1].http as Record<string, unknown>).query = ['nope'];
    const res = await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: { name: 'Bad REST', slug: 'bad-rest', version: '1.0.0', config } });
    expect(res.status).toBe(422);
    expect(res.body.detail.map((i: { loc: unknown[]; type: string }) => [i.loc, i.type])).toEqual([
      [['body', 'config', 'tools', 0, 'http', 'method'], 'type_error.enum'],
      [['body', 'config', 'tools', 0, 'http', 'path'], 'value_error.unknown_parameter'],
      [['body', 'config', 'tools', 1, 'http', 'query', 0], 'value_error.unknown_parameter'],
      [['body', 'config', 'tools', 1, 'http', 'header_params', 'Bad Header'], 'value_error.header_name'],
      [['body', 'config', 'tools', 1, 'http', 'header_params', 'Host'], 'value_error.header_reserved'],
    ]);
  });

  it('deploys a REST tool: running, its tools listed with input schemas, the API key masked', async () => {
    const res = await http(url, 'POST', '/api/v1/mcps', {
      token: dev.token,
      json: { name: 'Notes API', slug: 'notes-tool', version: '1.0.0', config: restToolConfig(api.url) },
    });
    expect(res.status).toBe(201);
    toolId = res.body.id;
    const detail = await http(url, 'GET', `/api/v1/mcps/${toolId}`, { token: dev.token });
    expect(JSON.stringify(detail.body)).not.toContain(REST_API_KEY);
    deploymentId = await deployRunning(url, dev.token, toolId, { replicas: 1 });
    const tools = await http(url, 'GET', '/mcp/notes-tool/v1/tools', { token: dev.token });
    expect(tools.body.tools.map((t: { name: string }) => t.name)).toEqual(['get_forecast', 'create_note', 'list_cities', 'explode']);
    expect(tools.body.tools[0].inputSchema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' }, units: { type: 'string' }, day: { type: 'array', items: { type: 'string' } } },
      required: ['city'],
    });
  });

  it('a GET tool: path placeholder filled and encoded, the other arguments as query; the JSON answer returned', async () => {
    api.seen.length = 0;
    const res = await call('get_forecast', { city: 'San Francisco/CA', units: 'imperial', day: ['mon', 'tue'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ city: 'San Francisco/CA', units: 'imperial', days: ['mon', 'tue'], temperature: 18 });
    expect(api.seen.map((r) => [r.method, r.url])).toEqual([['GET', '/v1/forecast/San%20Francisco%2FCA?units=imperial&day=mon&day=tue']]);
  });

  it('a POST tool: JSON body from the arguments, the secret header from the sealed config, a header from an argument', async () => {
    api.seen.length = 0;
    const res = await call('create_note', { title: 'hello', text: 'world', trace: 'req-7' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'note-1', title: 'hello', text: 'world', request_id: 'req-7' });
    expect(api.seen[0]).toMatchObject({ method: 'POST', url: '/v1/notes', body: { title: 'hello', text: 'world' } });
    expect(api.seen[0].headers).toMatchObject({ 'x-api-key': REST_API_KEY, 'content-type': 'application/json' });
  });

  it('arguments are checked against the input schema before the API is called (422)', async () => {
    api.seen.length = 0;
    const res = await call('create_note', { text: 'no title' });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'title']);
    expect(api.seen).toEqual([]);
  });

  it('a JSON array answer comes back as the array', async () => {
    const res = await call('list_cities', {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(['Paris', 'Oslo']);
  });

  it('a 500 from the API is 502 TOOL_ERROR with the upstream status', async () => {
    const res = await call('explode', {});
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error_code: 'TOOL_ERROR', upstream_status: 500, detail: expect.stringContaining('HTTP 500') });
    expect(res.body.detail).toContain('exploded');
  });

  it('the same tools over the MCP endpoint with the SDK client: structured content, errors as isError', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp/notes-tool/v1`), {
      requestInit: { headers: { authorization: `Bearer ${dev.token}` } },
    });
    const client = new Client({ name: 'rest-agent', version: '1.0.0' });
    await client.connect(transport);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('create_note');
    const note = await client.callTool({ name: 'create_note', arguments: { title: 'via mcp' } });
    expect(note.structuredContent).toEqual({ id: 'note-1', title: 'via mcp', request_id: null });
    const failed = await client.callTool({ name: 'explode', arguments: {} });
    expect(failed.isError).toBe(true);
    await client.close();
  });

  describe('an OpenAPI document imported, deployed and called', () => {
    const importDoc = (doc: unknown, key?: string) =>
      http(url, 'POST', '/api/v1/mcps/import/openapi', { token: dev.token, json: doc, headers: key ? { 'idempotency-key': key } : {} });

    it('refuses a bad document with the loc of each problem (422)', async () => {
      const doc = { ...restApiOpenApi(api.url), openapi: '2.0', servers: [{ url: '/relative' }] };
      const res = await importDoc(doc);
      expect(res.status).toBe(422);
      expect(res.body.detail.map((i: { loc: unknown[] }) => i.loc)).toEqual([['body', 'openapi'], ['body', 'servers', 0, 'url']]);
    });

    it('imports a draft REST tool whose tools are the operations; the same Idempotency-Key replays it', async () => {
      const res = await importDoc(restApiOpenApi(api.url, 'Forecast Service'), 'openapi-import-1');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'Forecast Service', slug: 'forecast-service', version: '2.1.0', status: 'draft' });
      expect(res.body.config.servers).toEqual([{ name: 'api', transport: 'http', url: api.url }]);
      expect(res.body.config.tools.map((t: { name: string }) => t.name)).toEqual(['getForecast', 'create-note', 'listCities']);
      expect(res.body.config.openapi.skipped).toEqual([{ operation: 'POST /upload', reason: 'its request body is not JSON' }]);
      const replay = await importDoc(restApiOpenApi(api.url, 'Forecast Service'), 'openapi-import-1');
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(res.body.id);
      await deployRunning(url, dev.token, res.body.id, { replicas: 1 });
    });

    it('calls the imported operations through the gateway', async () => {
      const forecast = await http(url, 'POST', '/mcp/forecast-service/v1/tools/getForecast', { token: dev.token, json: { city: 'Oslo', units: 'metric' } });
      expect(forecast.status).toBe(200);
      expect(forecast.body).toEqual({ city: 'Oslo', units: 'metric', days: [], temperature: 18 });
      const badUnits = await http(url, 'POST', '/mcp/forecast-service/v1/tools/getForecast', { token: dev.token, json: { city: 'Oslo', units: 'kelvin' } });
      expect(badUnits.status).toBe(422);
      expect(badUnits.body.detail[0].loc).toEqual(['body', 'units']);
      api.seen.length = 0;
      const note = await http(url, 'POST', '/mcp/forecast-service/v1/tools/create-note', {
        token: dev.token,
        json: { 'X-Api-Key': REST_API_KEY, title: 'from openapi', text: 'hi' },
      });
      expect(note.status).toBe(200);
      expect(note.body).toMatchObject({ id: 'note-1', title: 'from openapi', text: 'hi' });
      expect(api.seen[0].body).toEqual({ title: 'from openapi', text: 'hi' });
    });
  });

  it('the API going away: calls answer 502 UPSTREAM_UNAVAILABLE, and health turns unhealthy', async () => {
    await api.stop();
    const res = await call('list_cities', {});
    expect(res.status).toBe(502);
    expect(res.body.error_code).toBe('UPSTREAM_UNAVAILABLE');
    const d = await waitForDeployment(url, dev.token, deploymentId, (b) => b.health_status === 'unhealthy');
    expect(d.status).toBe('running');
  });
});
