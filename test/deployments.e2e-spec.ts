import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { CONTRACT, ISO_DATE, UUID } from './support/contract';
import { createTool, deployRunning, waitForDeployment } from './support/deployments';
import { http } from './support/http';
import { Platform } from './support/platform';
import { UpstreamMcp } from './support/upstream-mcp';

describe('Deployments and the REST gateway', () => {
  const upstream = new UpstreamMcp();
  const platform = new Platform({
    workers: 1,
    env: {
      PUBLIC_BASE_URL: 'http://localhost:8000',
      UPSTREAM_ALLOW_PRIVATE: 'true',
      DEPLOYMENT_HEALTH_INTERVAL_MS: '500',
      GATEWAY_MAX_RESPONSE_BYTES: '65536',
      RECONCILE_INTERVAL_MS: '1000',
      RECONCILE_STALE_MS: '2000',
    },
  });
  let url: string;
  let dev: Account;
  let other: Account;
  let viewer: Account;

  const call = (slug: string, tool: string, args: unknown, token = dev.token) =>
    http(url, 'POST', `/mcp/${slug}/v1/tools/${tool}`, { token, json: args });

  beforeAll(async () => {
    await upstream.start();
    await platform.start();
    url = platform.api.url;
    [dev, other, viewer] = await Promise.all([registerAndLogin(url), registerAndLogin(url), registerAndLogin(url, 'viewer')]);
  }, 180_000);
  afterAll(async () => {
    await platform.stop();
    await upstream.stop();
  });

  describe('the contract flow', () => {
    let toolId: string;
    let deploymentId: string;

    it('deploys: 201 starting with the endpoint URL', async () => {
      toolId = await createTool(url, dev.token, 'weather-tool', upstream.url);
      const res = await http(url, 'POST', '/api/v1/deployments', { token: dev.token, json: CONTRACT.deploy(toolId) });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        deployment_id: expect.stringMatching(UUID),
        tool_id: toolId,
        endpoint_url: 'http://localhost:8000/mcp/weather-tool/v1',
        status: 'starting',
        deployed_at: expect.stringMatching(ISO_DATE),
      });
      deploymentId = res.body.deployment_id;
    });

    it('the worker connects to the upstream: running and healthy, with its tools stored', async () => {
      const d = await waitForDeployment(url, dev.token, deploymentId, (b) => b.status === 'running');
      expect(d).toMatchObject({ health_status: 'healthy', tool_version: '1.0.0', last_health_check: expect.stringMatching(ISO_DATE) });
      const tools = await http(url, 'GET', '/mcp/weather-tool/v1/tools', { token: dev.token });
      expect(tools.status).toBe(200);
      expect(tools.body.tools.map((t: { name: string }) => t.name)).toEqual(['get_weather', 'echo_text', 'fail', 'sleep', 'big']);
      expect(tools.body.tools[0].inputSchema).toMatchObject({ type: 'object', properties: { location: { type: 'string' } } });
    });

    it('calls the tool through the REST gateway: the contract answer', async () => {
      const res = await call('weather-tool', 'get_weather', CONTRACT.callWeather);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(CONTRACT.weatherAnswer);
    });

    it('lists it under ?status=running with metrics counting the calls', async () => {
      await call('weather-tool', 'get_weather', CONTRACT.callWeather);
      const list = await http(url, 'GET', '/api/v1/deployments?status=running', { token: dev.token });
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(1);
      expect(list.body.deployments).toEqual([
        {
          deployment_id: deploymentId,
          tool_id: toolId,
          tool_name: 'Weather MCP Tool',
          endpoint_url: 'http://localhost:8000/mcp/weather-tool/v1',
          status: 'running',
          health_status: 'healthy',
          deployed_at: expect.stringMatching(ISO_DATE),
          last_health_check: expect.stringMatching(ISO_DATE),
        },
      ]);
      const detail = await http(url, 'GET', `/api/v1/deployments/${deploymentId}`, { token: dev.token });
      expect(detail.body.metrics).toEqual({ requests_total: 2, avg_response_time_ms: expect.any(Number), error_rate: 0 });
      expect(detail.body.metrics.avg_response_time_ms).toBeGreaterThan(0);
    });

    it('keeps the counts after they are flushed to PostgreSQL', async () => {
      await new Promise((r) => setTimeout(r, 5_500));
      const [row] = await platform.sql<{ requests_total: string }>('SELECT requests_total FROM deployments WHERE id = $1', [deploymentId]);
      expect(row.requests_total).toBe('2');
      const detail = await http(url, 'GET', `/api/v1/deployments/${deploymentId}`, { token: dev.token });
      expect(detail.body.metrics.requests_total).toBe(2);
    });

    it('exports Prometheus series for gateway calls', async () => {
      const metrics = await http(url, 'GET', '/metrics');
      expect(metrics.text).toMatch(/mcp_gateway_requests_total\{deployment="weather-tool",tool="get_weather",outcome="success"\} 2/);
      expect(metrics.text).toContain('mcp_gateway_request_duration_seconds_bucket');
    });

    it('refuses a second active deployment of the same tool (409)', async () => {
      const res = await http(url, 'POST', '/api/v1/deployments', { token: dev.token, json: CONTRACT.deploy(toolId) });
      expect(res.status).toBe(409);
      expect(res.body.error_code).toBe('CONFLICT');
    });

    it('stops: 200 with stopped_at, and the endpoint answers 404 from then on', async () => {
      const res = await http(url, 'DELETE', `/api/v1/deployments/${deploymentId}`, { token: dev.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Deployment stopped successfully', deployment_id: deploymentId, stopped_at: expect.stringMatching(ISO_DATE) });
      const after = await call('weather-tool', 'get_weather', CONTRACT.callWeather);
      expect(after.status).toBe(404);
      expect(after.body).toMatchObject({ error_code: 'NOT_FOUND', resource_type: 'deployment' });
    });
  });

  describe('the error table', () => {
    let slug: string;

    beforeAll(async () => {
      slug = 'errors-tool';
      await deployRunning(url, dev.token, await createTool(url, dev.token, slug, upstream.url), { timeout_ms: 500, max_concurrency: 1 });
    }, 30_000);

    it('422 for arguments that do not match the input schema, naming the parameter', async () => {
      const missing = await call(slug, 'get_weather', {});
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({ error_code: 'VALIDATION_ERROR', detail: [{ loc: ['body', 'location'], type: 'value_error.missing' }] });
      const wrongType = await call(slug, 'get_weather', { location: 5 });
      expect(wrongType.status).toBe(422);
      expect(wrongType.body.detail[0].loc).toEqual(['body', 'location']);
    });

    it('404 for an unknown tool and for an unknown slug', async () => {
      expect((await call(slug, 'no_such_tool', {})).body).toMatchObject({ error_code: 'NOT_FOUND', resource_type: 'deployment_tool' });
      expect((await call(slug, 'no_such_tool', {})).status).toBe(404);
      expect((await call('no-such-slug', 'get_weather', CONTRACT.callWeather)).status).toBe(404);
    });

    it('plain text comes back as {content}, JSON text parsed', async () => {
      expect((await call(slug, 'echo_text', { text: 'hi' })).body).toEqual({ content: [{ type: 'text', text: 'echo: hi' }] });
      expect((await call(slug, 'sleep', { ms: 1 })).body).toEqual({ slept: 1 });
    });

    it('502 TOOL_ERROR with the tool message when the result has isError', async () => {
      const res = await call(slug, 'fail', {});
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ error_code: 'TOOL_ERROR', detail: 'upstream exploded' });
    });

    it('504 UPSTREAM_TIMEOUT past the per-deployment timeout', async () => {
      const res = await call(slug, 'sleep', { ms: 2_000 });
      expect(res.status).toBe(504);
      expect(res.body.error_code).toBe('UPSTREAM_TIMEOUT');
    });

    it('429 beyond the per-deployment concurrency cap', async () => {
      await new Promise((r) => setTimeout(r, 1_700)); // the timed-out call above finishes upstream
      const [a, b] = await Promise.all([call(slug, 'sleep', { ms: 300 }), call(slug, 'sleep', { ms: 300 })]);
      expect([a.status, b.status].sort()).toEqual([200, 429]);
      const limited = a.status === 429 ? a : b;
      expect(limited.body).toMatchObject({ error_code: 'RATE_LIMIT_EXCEEDED', retry_after: 1 });
    });

    it('502 UPSTREAM_RESPONSE_TOO_LARGE past the response cap', async () => {
      const res = await call(slug, 'big', { kb: 100 });
      expect(res.status).toBe(502);
      expect(res.body.error_code).toBe('UPSTREAM_RESPONSE_TOO_LARGE');
    });

    it('401 with WWW-Authenticate without credentials', async () => {
      const res = await http(url, 'POST', `/mcp/${slug}/v1/tools/get_weather`, { json: CONTRACT.callWeather });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error_code: 'UNAUTHORIZED' });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('any platform user may invoke (deployments:invoke), with an API key too', async () => {
      expect((await call(slug, 'get_weather', CONTRACT.callWeather, viewer.token)).status).toBe(200);
      const key = await http(url, 'POST', '/api/v1/auth/api-keys', { token: other.token, json: { name: 'gateway' } });
      const res = await http(url, 'POST', `/mcp/${slug}/v1/tools/get_weather`, { apiKey: key.body.key, json: CONTRACT.callWeather });
      expect(res.status).toBe(200);
    });

    it('502 UPSTREAM_UNAVAILABLE when the upstream is gone, 503 when the deployment is not running', async () => {
      const doomed = await new UpstreamMcp().start();
      const id = await deployRunning(url, dev.token, await createTool(url, dev.token, 'doomed-tool', doomed.url));
      await doomed.stop();
      const res = await call('doomed-tool', 'get_weather', CONTRACT.callWeather);
      expect(res.status).toBe(502);
      expect(res.body.error_code).toBe('UPSTREAM_UNAVAILABLE');
      await http(url, 'DELETE', `/api/v1/deployments/${id}`, { token: dev.token });

      const dead = await createTool(url, dev.token, 'dead-tool', doomed.url);
      const created = await http(url, 'POST', '/api/v1/deployments', { token: dev.token, json: CONTRACT.deploy(dead) });
      const failed = await waitForDeployment(url, dev.token, created.body.deployment_id, (d) => d.status === 'failed');
      expect(failed.error).toMatch(/Could not start/);
      const unavailable = await call('dead-tool', 'get_weather', CONTRACT.callWeather);
      expect(unavailable.status).toBe(503);
      expect(unavailable.body.error_code).toBe('SERVICE_UNAVAILABLE');
    });
  });

  describe('validation and access', () => {
    it('422 with loc for replicas, cpu, memory and environment', async () => {
      const toolId = await createTool(url, dev.token, 'validation-tool', upstream.url);
      const res = await http(url, 'POST', '/api/v1/deployments', {
        token: dev.token,
        json: { tool_id: toolId, config: { environment: 'Prod!', replicas: 21, resources: { cpu: 'lots', memory: '512 MB' } } },
      });
      expect(res.status).toBe(422);
      const locs = res.body.detail.map((i: { loc: string[] }) => i.loc.join('.'));
      expect(locs).toEqual(
        expect.arrayContaining(['body.config.environment', 'body.config.replicas', 'body.config.resources.cpu', 'body.config.resources.memory']),
      );
    });

    it('a viewer cannot deploy (403 naming deployments:write)', async () => {
      const res = await http(url, 'POST', '/api/v1/deployments', { token: viewer.token, json: CONTRACT.deploy('770e8400-e29b-41d4-a716-446655440002') });
      expect(res.status).toBe(403);
      expect(res.body.required_permission).toBe('deployments:write');
    });

    it('another developer cannot read, stop or redeploy it (404), nor see it listed', async () => {
      const id = await deployRunning(url, dev.token, await createTool(url, dev.token, 'private-tool', upstream.url));
      for (const [method, path] of [
        ['GET', `/api/v1/deployments/${id}`],
        ['DELETE', `/api/v1/deployments/${id}`],
        ['POST', `/api/v1/deployments/${id}/redeploy`],
      ]) {
        const res = await http(url, method, path, { token: other.token });
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ error_code: 'NOT_FOUND', resource_type: 'deployment', resource_id: id });
      }
      const list = await http(url, 'GET', '/api/v1/deployments', { token: other.token });
      expect(list.body.deployments.map((d: { deployment_id: string }) => d.deployment_id)).not.toContain(id);
    });

    it('redeploy moves the deployment to the tool’s current version', async () => {
      const toolId = await createTool(url, dev.token, 'versioned-tool', upstream.url);
      const id = await deployRunning(url, dev.token, toolId);
      const update = await http(url, 'PUT', `/api/v1/mcps/${toolId}`, {
        token: dev.token,
        json: { version: '1.1.0', config: (await http(url, 'GET', `/api/v1/mcps/${toolId}`, { token: dev.token })).body.config },
      });
      expect(update.status).toBe(200);
      const res = await http(url, 'POST', `/api/v1/deployments/${id}/redeploy`, { token: dev.token });
      expect(res.status).toBe(202);
      const d = await waitForDeployment(url, dev.token, id, (b) => b.status === 'running' && b.tool_version === '1.1.0');
      expect(d.tool_version).toBe('1.1.0');
    });

    it('a repeated Idempotency-Key deploys and redeploys once, replaying the first answer', async () => {
      const toolId = await createTool(url, dev.token, 'idempotent-tool', upstream.url);
      const deploy = () => http(url, 'POST', '/api/v1/deployments', { token: dev.token, json: CONTRACT.deploy(toolId), headers: { 'Idempotency-Key': `deploy-${toolId}` } });
      const first = await deploy();
      const again = await deploy();
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const id = first.body.deployment_id;
      await waitForDeployment(url, dev.token, id, (d) => d.status === 'running');

      const redeploy = () => http(url, 'POST', `/api/v1/deployments/${id}/redeploy`, { token: dev.token, headers: { 'Idempotency-Key': `redeploy-${id}` } });
      const [r1, r2] = [await redeploy(), await redeploy()];
      expect([r1.status, r2.status]).toEqual([202, 202]);
      expect(r2.body).toEqual(r1.body);
      const [row] = await platform.sql<{ generation: number }>('SELECT generation FROM deployments WHERE id = $1', [id]);
      expect(row.generation).toBe(2);
    });

    it('starts a deployment whose row was written but whose start job was never added (a crash in between)', async () => {
      const toolId = await createTool(url, dev.token, 'orphan-tool', upstream.url);
      const [row] = await platform.sql<{ id: string }>(
        `INSERT INTO deployments (tool_id, owner_id, slug, tool_version, runtime, environment, replicas, cpu, memory)
         VALUES ($1, $2, 'orphan-tool', '1.0.0', 'remote-mcp', 'production', 1, '500m', '512Mi') RETURNING id`,
        [toolId, dev.id],
      );
      const d = await waitForDeployment(url, dev.token, row.id, (b) => b.status === 'running', 30_000);
      expect(d.health_status).toBe('healthy');
      expect((await call('orphan-tool', 'get_weather', CONTRACT.callWeather)).status).toBe(200);
    });

    it('deleting a tool stops its deployment', async () => {
      const toolId = await createTool(url, dev.token, 'deleted-tool', upstream.url);
      await deployRunning(url, dev.token, toolId);
      expect((await call('deleted-tool', 'get_weather', CONTRACT.callWeather)).status).toBe(200);
      expect((await http(url, 'DELETE', `/api/v1/mcps/${toolId}`, { token: dev.token })).status).toBe(200);
      expect((await call('deleted-tool', 'get_weather', CONTRACT.callWeather)).status).toBe(404);
    });
  });

  it('admins see every deployment', async () => {
    const admin = await promoteToAdmin(platform, url, other);
    const list = await http(url, 'GET', '/api/v1/deployments', { token: admin.token });
    expect(list.body.total).toBeGreaterThan(0);
  });
});
