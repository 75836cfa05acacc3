import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './support/free-port';
import { Platform } from './support/platform';
import { ENTRYPOINTS, ROOT } from './support/service-process';
import { http } from './support/http';

describe('foundation: error model, request ids, docs, metrics, health', () => {
  const platform = new Platform();
  let url: string;

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
  }, 60_000);
  afterAll(() => platform.stop());

  it('applies migrations to a database it had to create', async () => {
    const rows = await platform.sql<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(rows.length).toBeGreaterThan(0);
  });

  it('answers malformed JSON with 400 INVALID_REQUEST', async () => {
    const res = await http(url, 'POST', '/api/v1/auth/login', { body: '{"username": "x",' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: expect.any(String), error_code: 'INVALID_REQUEST' });
  });

  it('answers a body over the 1 MiB limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await http(url, 'POST', '/api/v1/auth/login', { json: { username: 'x', password: 'y'.repeat(1024 * 1024 + 10) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE', limit_bytes: 1024 * 1024 });
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    const res = await http(url, 'GET', '/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error_code: 'NOT_FOUND', resource_type: 'route' });
  });

  it('echoes X-Request-Id and generates one when absent', async () => {
    const echoed = await http(url, 'GET', '/health', { headers: { 'X-Request-Id': 'abc123-def456-ghi789' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc123-def456-ghi789');
    const generated = await http(url, 'GET', '/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await http(url, 'GET', '/health', { headers: { 'X-Request-Id': 'has spaces <script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Swagger UI, the OpenAPI JSON with both security schemes, and ReDoc offline', async () => {
    const ui = await http(url, 'GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await http(url, 'GET', '/api/docs-json');
    expect(doc.body.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    const redoc = await http(url, 'GET', '/api/redoc');
    expect(redoc.text).toContain('/api/redoc/redoc.standalone.js');
    expect(redoc.text).not.toMatch(/https?:\/\/cdn/);
    const bundle = await http(url, 'GET', '/api/redoc/redoc.standalone.js');
    expect(bundle.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
  });

  it('counts requests in /metrics under the route template, never the raw id', async () => {
    const id = '770e8400-e29b-41d4-a716-446655440002';
    await http(url, 'GET', `/api/v1/mcps/${id}`);
    const metrics = (await http(url, 'GET', '/metrics')).text;
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/mcps\/:id",status="401"\} \d+/);
    expect(metrics).not.toContain(id);
    expect(metrics).toContain('http_request_duration_seconds_bucket');
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('reports ready when PostgreSQL and Redis answer', async () => {
    const res = await http(url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('reports 503 naming Redis when Redis is unreachable, and keeps serving', async () => {
    const api = await platform.spawn('api', { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      await api.waitReady();
      const res = await http(api.url, 'GET', '/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'error', error_code: 'SERVICE_UNAVAILABLE', checks: { database: 'up', redis: 'down' } });
      expect(res.body.detail).toContain('redis');
      expect((await http(api.url, 'GET', '/health/live')).status).toBe(200);
    } finally {
      await api.stop();
    }
  }, 90_000);

  it.each([
    ['api', 'REDIS_URL', 'not-a-url'],
    ['worker', 'REDIS_URL', 'not-a-url'],
    ['worker', 'QUEUE_ANALYSIS_CONCURRENCY', '0'],
  ] as const)('%s refuses to start on invalid configuration (%s), naming the variable in one line', (kind, name, value) => {
    const run = spawnSync(process.execPath, [ENTRYPOINTS[kind]], {
      env: { PATH: process.env.PATH, [name]: value },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(name);
  });

  it('stops with exit code 0 on SIGTERM', async () => {
    const api = await (await platform.spawn('api')).waitReady();
    api.signal('SIGTERM');
    expect(await api.waitExit()).toBe(0);
  });
});

describe('foundation: start-up against a new database', () => {
  it('two api processes starting at once migrate it once, without error', async () => {
    const platform = new Platform();
    try {
      const [a, b] = await Promise.all([platform.spawn('api'), platform.spawn('api')]);
      platform.apis.push(a, b);
      await Promise.all([a.waitReady(), b.waitReady()]);
      const rows = await platform.sql<{ name: string }>('SELECT name FROM migrations');
      expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
      expect((await http(a.url, 'GET', '/health')).status).toBe(200);
      expect((await http(b.url, 'GET', '/health')).status).toBe(200);
    } finally {
      await platform.stop();
    }
  }, 60_000);
});

describe('foundation: the demo command', () => {
  it('starts api and worker on an empty database with migrations applied, and stops both on SIGTERM', async () => {
    const platform = new Platform();
    const [port, workerPort] = [await freePort(), await freePort()];
    const runner = spawn(process.execPath, [join(ROOT, 'scripts/start-all.js')], {
      env: platform.env({ PORT: String(port), WORKER_PORT: String(workerPort) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    runner.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    runner.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => runner.once('exit', resolve));
    try {
      // Both processes migrate and boot at once; a loaded machine needs more than a quiet one.
      const ready = async (p: number) => {
        for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
          if ((await http(`http://127.0.0.1:${p}`, 'GET', '/health').catch(() => undefined))?.status === 200) return true;
          await new Promise((r) => setTimeout(r, 100));
        }
        return false;
      };
      expect(await ready(port)).toBe(true);
      expect(await ready(workerPort)).toBe(true);
      // Plain words on where things are: the api's address and docs, and a ready worker.
      expect(output).toContain(`api ready: listening on http://localhost:${port}`);
      expect(output).toContain('API docs: /api/docs');
      expect(output).toContain(`worker ready: listening on http://localhost:${workerPort}`);
      // One line per request with method, route, status and duration, never a header.
      await http(`http://127.0.0.1:${port}`, 'GET', '/api/v1/mcps', { headers: { authorization: 'Bearer not-a-token' } });
      await new Promise((r) => setTimeout(r, 200));
      const line = output.split('\n').find((l) => l.includes('"route":"/api/v1/mcps"'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({ method: 'GET', route: '/api/v1/mcps', status: 401, duration_ms: expect.any(Number), request_id: expect.any(String) });
      expect(output).not.toContain('not-a-token');
      const applied = await platform.sql<{ name: string }>('SELECT name FROM migrations');
      expect(applied.map((m) => m.name)).toEqual(expect.arrayContaining(['Auth1795500000000', 'McpTools1795550000000', 'Tasks1795600000000']));
      runner.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      runner.kill('SIGKILL');
      await platform.stop();
    }
  }, 120_000);
});
