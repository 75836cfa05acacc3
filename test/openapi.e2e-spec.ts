import openApiSchemaObject from '@asyncapi/specs/common/openapiSchema_3_0.json';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { http, type ErrorBody } from './support/http';
import { operations, OpenApiValidator, registerApi, type OpenApiDocument, type Operation } from './support/openapi';
import { Platform } from './support/platform';

const ERROR_SCHEMA = '#/components/schemas/ErrorResponseDto';
/** The error_code of each status the whole api shares (render-error.ts). */
const CODE_BY_STATUS: Record<string, string | undefined> = {
  '400': 'INVALID_REQUEST',
  '401': 'UNAUTHORIZED',
  '403': 'FORBIDDEN',
  '404': 'NOT_FOUND',
  '405': 'METHOD_NOT_ALLOWED',
  '409': 'CONFLICT',
  '412': 'PRECONDITION_FAILED',
  '413': 'PAYLOAD_TOO_LARGE',
  '415': 'UNSUPPORTED_MEDIA_TYPE',
  '422': 'VALIDATION_ERROR',
  '429': 'RATE_LIMIT_EXCEEDED',
  '500': 'INTERNAL_ERROR',
  '502': 'BAD_GATEWAY',
  '503': 'SERVICE_UNAVAILABLE',
  '504': 'UPSTREAM_TIMEOUT',
};
const TOOL_ID = '770e8400-e29b-41d4-a716-446655440002';

describe('the OpenAPI document', () => {
  const platform = new Platform();
  let document: OpenApiDocument;
  let all: { path: string; method: string; operation: Operation; name: string }[];
  let routes: { method: string; path: string; access: string }[];

  beforeAll(async () => {
    await platform.start();
    document = (await http<OpenApiDocument>(platform.api.url, 'GET', '/api/docs-json')).body;
    all = operations(document).map((o) => ({ ...o, name: `${o.method.toUpperCase()} ${o.path}` }));
    const run = spawnSync(process.execPath, [join(__dirname, '..', 'dist/apps/api/apps/api/src/cli/route-inventory.js')], {
      env: platform.env(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    routes = JSON.parse(run.stdout);
  }, 90_000);
  afterAll(() => platform.stop());

  const failing = (check: (o: (typeof all)[number]) => string | undefined) => all.map((o) => check(o)).filter(Boolean);

  it('documents every route of the api except the metrics scrape', () => {
    const documented = new Set(all.map((o) => o.name));
    const missing = routes
      .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}`)
      .filter((name) => !documented.has(name) && !name.startsWith('GET /metrics'));
    expect(missing).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(33);
  });

  it('gives every operation a typed success response', () => {
    expect(
      failing(({ name, operation }) => {
        const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (success.length === 0) return `${name}: no 2xx response`;
        for (const [status, response] of success) {
          const media = Object.entries(response.content ?? {});
          if (media.length === 0 || media.some(([, m]) => !m.schema)) return `${name}: ${status} has no response schema`;
          const json = response.content?.['application/json']?.schema;
          if (json && !json.$ref) return `${name}: ${status} is not a named response DTO`;
        }
        return undefined;
      }),
    ).toEqual([]);
  });

  it('answers every error status with the shared error schema, an example of its error_code, Retry-After where it applies', () => {
    expect(
      failing(({ name, operation }) => {
        for (const [status, response] of Object.entries(operation.responses).filter(([s]) => /^[45]/.test(s))) {
          const json = response.content?.['application/json'] as { schema?: { $ref?: string }; example?: { error_code?: string } } | undefined;
          if (json?.schema?.$ref !== ERROR_SCHEMA) return `${name}: ${status} does not use the error schema`;
          // Statuses outside the shared set (a gateway's 504...) bring their own code; the schema check covers them.
          const code = CODE_BY_STATUS[status];
          if (code && json.example?.error_code !== code) return `${name}: ${status} example is not ${code}`;
          if (!json.example?.error_code) return `${name}: ${status} example without error_code`;
          if ((status === '429' || status === '503') && !response.headers?.['Retry-After']) return `${name}: ${status} without Retry-After`;
        }
        return undefined;
      }),
    ).toEqual([]);
  });

  it('declares the errors every route can answer, from its inputs and its guard', () => {
    const access = (name: string) =>
      routes.find((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}` === name)?.access ?? 'undocumented route';
    expect(
      failing(({ name, operation }) => {
        const required = ['429', '500', '503'];
        if (operation.requestBody) required.push('400', '413', '415', '422');
        if ((operation.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query')) required.push('422');
        if ((operation.parameters ?? []).some((p) => p.in === 'path' && /^(id|.+_id)$/.test(p.name))) required.push('404');
        const guard = access(name);
        if (guard !== 'public') required.push('401');
        if (guard.startsWith('permission:')) required.push('403');
        const missing = required.filter((s) => !operation.responses[s]);
        return missing.length ? `${name} (${guard}): missing ${missing.join(', ')}` : undefined;
      }),
    ).toEqual([]);
  });

  it('names the permission of a permission-guarded route in the example of its 403', () => {
    const permissions = new Map(
      routes.filter((r) => r.access.startsWith('permission:')).map((r) => [`${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}`, r.access.slice('permission:'.length)]),
    );
    expect(
      failing(({ name, operation }) => {
        const example = (operation.responses['403']?.content?.['application/json'] as { example?: { required_permission?: string } } | undefined)?.example;
        const permission = permissions.get(name);
        return permission && example?.required_permission !== permission ? `${name}: 403 names ${example?.required_permission}` : undefined;
      }),
    ).toEqual([]);
  });

  it('shows public routes without a lock and every other route with Bearer or X-API-Key', () => {
    expect(document.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    expect((document as unknown as { security?: unknown }).security).toBeUndefined();
    const publicRoutes = new Set(routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`));
    for (const name of ['GET /health', 'POST /api/v1/auth/register', 'POST /api/v1/auth/login', 'POST /api/v1/auth/refresh']) {
      expect(publicRoutes).toContain(name);
    }
    expect(
      failing(({ name, operation }) => {
        const isPublic = publicRoutes.has(name.replace(/\{([^}]+)\}/g, ':$1'));
        if (isPublic) return operation.security?.length ? `${name}: public but locked` : undefined;
        return JSON.stringify(operation.security) === JSON.stringify([{ bearer: [] }, { 'api-key': [] }])
          ? undefined
          : `${name}: security ${JSON.stringify(operation.security)}`;
      }),
    ).toEqual([]);
  });

  it('is made of valid OpenAPI 3.0 Schema Objects', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const isSchemaObject = ajv.compile(openApiSchemaObject);
    const inline = all.flatMap(({ name, operation }) => [
      ...(operation.parameters ?? []).map((p) => [`${name} ${p.name}`, p.schema] as const),
      ...Object.entries(operation.responses).flatMap(([status, r]) =>
        Object.entries(r.content ?? {}).map(([media, m]) => [`${name} ${status} ${media}`, m.schema] as const),
      ),
    ]);
    const invalid = [...Object.entries(document.components.schemas), ...inline]
      // A bare {$ref} is a Reference Object, checked where it points.
      .filter(([, schema]) => schema && !schema.$ref && !isSchemaObject(schema))
      .map(([where]) => where);
    expect(invalid).toEqual([]);
    expect(isSchemaObject({ type: 'strin' })).toBe(false);
  });

  it('names operations for a generated client: unique camelCase operationIds', () => {
    const ids = all.map((o) => o.operation.operationId);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/api/v1/mcps/{id}'].get.operationId).toBe('mcpsGet');
  });

  it('declares path ids as uuids', () => {
    expect(
      failing(({ name, operation }) => {
        const ids = (operation.parameters ?? []).filter((p) => p.in === 'path' && /^(id|.+_id)$/.test(p.name));
        const loose = ids.filter((p) => p.schema?.format !== 'uuid');
        return loose.length ? `${name}: ${loose.map((p) => p.name).join(', ')} not format uuid` : undefined;
      }),
    ).toEqual([]);
  });

  it('shows the contract’s error examples, and they match the error schema', () => {
    const get = document.paths['/api/v1/mcps/{id}'].get;
    const example = (status: string) => (get.responses[status].content?.['application/json'] as { example: unknown }).example;
    expect(example('401')).toEqual({ detail: 'Invalid or expired token', error_code: 'UNAUTHORIZED' });
    expect(example('403')).toEqual({ detail: 'Insufficient permissions to perform this action', error_code: 'FORBIDDEN', required_permission: 'mcps:read' });
    expect(example('404')).toEqual({ detail: 'MCP tool not found', error_code: 'NOT_FOUND', resource_type: 'mcp_tool', resource_id: TOOL_ID });
    expect(example('422')).toMatchObject({ error_code: 'VALIDATION_ERROR', detail: [{ loc: ['body', 'version'], type: 'value_error.str.regex' }] });
    expect(example('429')).toEqual({ detail: 'Rate limit exceeded. Please try again later.', error_code: 'RATE_LIMIT_EXCEEDED', retry_after: 60 });
    expect(example('500')).toEqual({ detail: 'An internal error occurred', error_code: 'INTERNAL_ERROR', request_id: 'abc123-def456-ghi789' });
    const validator = new OpenApiValidator(document);
    const problems = all.flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]/.test(status))
        .flatMap(([status, response]) => {
          const body = (response.content?.['application/json'] as { example: unknown }).example;
          const concrete = path.replace(/\{[^}]+\}/g, TOOL_ID);
          return validator.check(method, concrete, Number(status), new Headers({ 'content-type': 'application/json' }), body, JSON.stringify(body));
        }),
    );
    expect(problems).toEqual([]);
  });

  describe('the response validator of the e2e helper', () => {
    let validator: OpenApiValidator;
    const JSON_HEADERS = new Headers({ 'content-type': 'application/json; charset=utf-8', etag: '"t.1"' });
    const check = (status: number, body: unknown, path = `/api/v1/mcps/${TOOL_ID}`) => validator.check('GET', path, status, JSON_HEADERS, body, JSON.stringify(body));

    beforeAll(() => {
      validator = new OpenApiValidator(document);
    });

    it('fails a status the operation does not declare', () => {
      expect(check(418, { detail: 'x', error_code: 'CONFLICT' })).toEqual([expect.stringContaining('GET /api/v1/mcps/{id} → 418: status not declared')]);
    });

    it('fails a body with a missing field, a wrong type, a bad format or an undeclared field', () => {
      const tool = {
        id: TOOL_ID,
        name: 'Weather MCP Tool',
        slug: 'weather-tool',
        description: null,
        version: '1.0.0',
        author_id: TOOL_ID,
        status: 'draft',
        config: {},
        created_at: '2024-01-15T10:35:00Z',
        updated_at: '2024-01-15T10:35:00Z',
      };
      expect(check(200, tool)).toEqual([]);
      const { slug: _slug, ...withoutSlug } = tool;
      expect(check(200, withoutSlug).join()).toContain("must have required property 'slug'");
      expect(check(200, { ...tool, version: 1 }).join()).toContain('body/version must be string');
      expect(check(200, { ...tool, created_at: 'yesterday' }).join()).toContain('body/created_at must match format "date-time"');
      expect(check(200, { ...tool, status: 'gone' }).join()).toContain('body/status must be equal to one of the allowed values');
      expect(check(200, { ...tool, secret: 'x' }).join()).toContain('must NOT have additional properties (secret)');
    });

    it('accepts null where the document says nullable, a referenced DTO included', () => {
      const task = {
        task_id: TOOL_ID,
        type: 'analysis.feasibility',
        owner_id: TOOL_ID,
        status: 'pending',
        progress: 0,
        message: null,
        result: null,
        error: null,
        request_id: null,
        created_at: '2024-01-15T11:30:00Z',
        started_at: null,
        completed_at: null,
      };
      const checkTask = (body: unknown) => validator.check('GET', `/api/v1/tasks/${TOOL_ID}`, 200, JSON_HEADERS, body, '{}');
      expect(checkTask(task)).toEqual([]);
      expect(checkTask({ ...task, status: 'failed', error: { code: 'NOT_FOUND', message: 'MCP tool not found' } })).toEqual([]);
      expect(checkTask({ ...task, error: { code: 404 } }).join()).toContain('body/error');
      expect(checkTask({ ...task, progress: null }).join()).toContain('body/progress must be integer');
    });

    it('fails an answer without a header the document requires', () => {
      const withoutEtag = new Headers({ 'content-type': 'application/json' });
      expect(validator.check('GET', `/api/v1/mcps/${TOOL_ID}`, 200, withoutEtag, { id: TOOL_ID }, '{}')).toEqual([
        'GET /api/v1/mcps/{id} → 200: required header ETag not sent',
      ]);
    });

    it('keeps the error schema open to context fields but checks the known ones', () => {
      expect(check(404, { detail: 'MCP tool not found', error_code: 'NOT_FOUND', resource_type: 'mcp_tool', resource_id: TOOL_ID, hint: 'x' })).toEqual([]);
      expect(check(404, { detail: 'MCP tool not found', error_code: 'NOT_A_CODE' }).join()).toContain('body/error_code must be equal to one of the allowed values');
      expect(check(429, { detail: 'Slow down', error_code: 'RATE_LIMIT_EXCEEDED', retry_after: 'soon' }).join()).toContain('body/retry_after must be integer');
    });

    it('prefers literal segments and ignores routes the document does not describe', () => {
      expect(validator.find('POST', '/api/v1/mcps/import')?.template).toBe('/api/v1/mcps/import');
      expect(validator.find('GET', `/api/v1/mcps/${TOOL_ID}/server.json?x=1`)?.template).toBe('/api/v1/mcps/{id}/server.json');
      expect(check(404, { detail: 'Resource not found', error_code: 'NOT_FOUND' }, '/api/v1/does-not-exist')).toEqual([]);
    });

    it('checks the media type of non-JSON answers without parsing them', () => {
      expect(validator.check('GET', '/events', 200, new Headers({ 'content-type': 'text/event-stream; charset=utf-8' }), undefined, ': connected\n\n')).toEqual([]);
      expect(validator.check('GET', '/health', 200, new Headers({ 'content-type': 'text/plain' }), 'ok', 'ok')).toEqual([
        'GET /health → 200: text/plain not declared (declared: application/json)',
      ]);
    });

    it('is applied to every request the http helper makes to an api', async () => {
      // A loopback server that serves the real document but answers /health off-contract.
      const server = createServer((req, res) => {
        const body = req.url === '/api/docs-json' ? JSON.stringify(document) : JSON.stringify({ status: 'fine' });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        await expect(http(url, 'GET', '/health')).resolves.toMatchObject({ status: 200 });
        registerApi(url);
        await expect(http(url, 'GET', '/health')).rejects.toThrow('GET /health → 200: body/status must be equal to one of the allowed values');
        const real = await http<ErrorBody>(platform.api.url, 'GET', '/api/v1/auth/me', { token: 'not-a-jwt' });
        expect(real.body).toMatchObject({ error_code: 'UNAUTHORIZED' });
      } finally {
        server.close();
      }
    });
  });
});
