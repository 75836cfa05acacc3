import { gzipSync } from 'node:zlib';
import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { http } from './support/http';
import { Platform } from './support/platform';

/**
 * One regression test per root cause of the 500s found by probing (issue 9), each with the exact
 * request that failed. Every answer must be a 4xx in the contract's error shape.
 */
describe('bad input is a 4xx, never a 500', () => {
  const platform = new Platform({ workers: 1 });
  let url: string;
  let dev: Account;

  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    http(url, method, `/api/v1${path}`, { token: dev.token, body, headers });
  const nested = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
  const issue = (loc: (string | number)[], type: string) => ({ detail: [expect.objectContaining({ loc, type })], error_code: 'VALIDATION_ERROR' });
  let slugs = 0;
  const newTool = async (extra: object = {}) => {
    const res = await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: { ...CONTRACT.createTool, slug: `regression-${++slugs}`, ...extra } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    dev = await registerAndLogin(url);
  }, 90_000);
  afterAll(() => platform.stop());

  describe('1. a NUL character is 422 with its loc, in bodies, query strings and paths', () => {
    it.each([
      ['POST', '/mcps', `{"name":"a\\u0000b","slug":"nul-tool","version":"1.0.0","config":{}}`, ['body', 'name']],
      ['POST', '/knowledge/documents', `{"title":"t","content":"c","metadata":{"k":"\\u0000"}}`, ['body', 'metadata', 'k']],
      ['POST', '/auth/api-keys', `{"name":"key\\u0000"}`, ['body', 'name']],
      ['POST', '/auth/login', `{"username":"\\u0000","password":"x"}`, ['body', 'username']],
      ['POST', '/knowledge/search', `{"query":"\\u0000"}`, ['body', 'query']],
      ['GET', '/mcps?q=%00', undefined, ['query', 'q']],
      ['GET', '/tasks?type=%00', undefined, ['query', 'type']],
      ['GET', '/knowledge/documents?tags=%00', undefined, ['query', 'tags']],
      ['GET', '/mcps/%00', undefined, ['path', 'id']],
    ])('%s %s', async (method, path, body, loc) => {
      const res = await send(method, path, body);
      expect(res.status).toBe(422);
      expect(res.body).toEqual(issue(loc, 'value_error.str.nul'));
    });
  });

  describe('2. deep nesting is refused before anything recursive runs', () => {
    it('a 5,000-level config is 400', async () => {
      const res = await send('POST', '/mcps', `{"name":"n","slug":"deep-config","version":"1.0.0","config":${nested(5_000)}}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ detail: 'Invalid request format: JSON nested deeper than 64 levels', error_code: 'INVALID_REQUEST' });
    });

    it('a 50,000-level body is 400 and the api keeps serving', async () => {
      const res = await send('POST', '/knowledge/search', '['.repeat(50_000) + ']'.repeat(50_000));
      expect(res.status).toBe(400);
      expect(res.body.error_code).toBe('INVALID_REQUEST');
      expect((await http(url, 'GET', '/health/live')).status).toBe(200);
    });
  });

  describe('3. constructor and __proto__ keys in free-form JSON are data', () => {
    const config = `{"servers":[{"name":"s","url":"https://example.com/mcp"}],"constructor":{"a":1},"tools":[{"name":"lookup","description":"Look a word up","parameters":{"constructor":{"type":"string"},"__proto__":{"type":"string"}}}]}`;

    it('{"config": {"constructor": {"a": 1}}} creates a tool that reads back identical and can be analysed', async () => {
      const created = await send('POST', '/mcps', `{"name":"Proto","slug":"proto-tool","version":"1.0.0","config":${config}}`);
      expect(created.status).toBe(201);
      const id = created.body.id;
      // PostgreSQL's jsonb orders keys its own way: compare as data, and the raw text for the __proto__ key.
      const read = await send('GET', `/mcps/${id}`);
      expect(read.body.config).toEqual(JSON.parse(config));
      expect(read.text).toContain('"__proto__":{"type":"string"}');
      const history = await send('GET', `/mcps/${id}/history`);
      expect(history.body.versions[0].config).toEqual(JSON.parse(config));
      expect((await send('GET', `/mcps/${id}/server.json`)).status).toBe(200);

      const task = await send('POST', '/analyze/improvements', JSON.stringify({ tool_id: id }));
      expect(task.status).toBe(202);
      let status = 'pending';
      for (let i = 0; i < 200 && ['pending', 'running'].includes(status); i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = (await send('GET', `/tasks/${task.body.task_id}`)).body.status;
      }
      expect(status).toBe('completed');
    });

    it('the same keys at the top level of a request are unknown fields, not prototype changes', async () => {
      const res = await send('POST', '/mcps', `{"__proto__":{"x":1},"constructor":{"a":1},"name":"n","slug":"proto-top","version":"1.0.0","config":{}}`);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([
        { loc: ['body', '__proto__'], msg: 'extra fields not permitted', type: 'value_error.extra' },
        { loc: ['body', 'constructor'], msg: 'extra fields not permitted', type: 'value_error.extra' },
      ]);
    });
  });

  describe('4. a body that is not valid gzip/deflate is 400 INVALID_REQUEST', () => {
    it.each(['gzip', 'deflate'])('Content-Encoding: %s with garbage', async (encoding) => {
      const res = await send('POST', '/mcps', 'garbage', { 'content-encoding': encoding });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ detail: expect.any(String), error_code: 'INVALID_REQUEST' });
    });

    it('valid gzip is still accepted', async () => {
      const body = gzipSync(JSON.stringify({ ...CONTRACT.createTool, slug: 'gzipped-tool' }));
      const res = await fetch(`${url}/api/v1/mcps`, {
        method: 'POST',
        headers: { authorization: `Bearer ${dev.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      expect(res.status).toBe(201);
    });
  });

  describe('5. a page beyond bigint is 422 on every paginated list', () => {
    let lists: string[];
    let admin: Account;
    beforeAll(async () => {
      // An admin may read every list, so each one reaches its query validation.
      const user = await registerAndLogin(url);
      admin = await promoteToAdmin(platform, url, user);
      const doc = (await http(url, 'GET', '/api/docs-json')).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
      lists = Object.entries(doc.paths)
        .filter(([, ops]) => ops.get?.parameters?.some((p) => p.in === 'query' && p.name === 'page'))
        .map(([path]) => path);
    });

    it('finds the paginated lists in the OpenAPI document', () => {
      expect(lists).toEqual(expect.arrayContaining(['/api/v1/mcps', '/api/v1/knowledge/documents', '/api/v1/tasks']));
    });

    it.each(['1e20', '99999999999999999999'])('?page=%s', async (page) => {
      for (const path of lists) {
        const res = await http(url, 'GET', `${path}?page=${page}`, { token: admin.token });
        expect({ path, status: res.status, error_code: res.body.error_code, loc: res.body.detail?.[0]?.loc }).toEqual({
          path,
          status: 422,
          error_code: 'VALIDATION_ERROR',
          loc: ['query', 'page'],
        });
      }
    });
  });

  it('6. a lone surrogate in an email is 422', async () => {
    const res = await http(url, 'POST', '/api/v1/auth/register', {
      body: `{"username":"surrogate_user","email":"\\ud800x@example.com","password":"SecurePassword123!"}`,
    });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(issue(['body', 'email'], 'value_error.str.surrogate'));
  });

  describe('7. explicit null in a partial update is 422 and changes nothing', () => {
    it('PUT /mcps/{id} {"name": null}', async () => {
      const id = await newTool();
      const res = await send('PUT', `/mcps/${id}`, '{"name": null}');
      expect(res.status).toBe(422);
      expect(res.body).toEqual(issue(['body', 'name'], 'type_error.none.not_allowed'));
      expect((await send('GET', `/mcps/${id}`)).body.name).toBe(CONTRACT.createTool.name);
    });

    it('PUT /knowledge/documents/{id} {"content": null}', async () => {
      const created = await send('POST', '/knowledge/documents', JSON.stringify({ title: 'Null test', content: 'Some content' }));
      const res = await send('PUT', `/knowledge/documents/${created.body.document_id}`, '{"content": null}');
      expect(res.status).toBe(422);
      expect(res.body).toEqual(issue(['body', 'content'], 'type_error.none.not_allowed'));
    });
  });

  it('POST /knowledge/search {"limit": null} is 422, not a search without a limit', async () => {
    const res = await send('POST', '/knowledge/search', '{"query": "mcp", "limit": null}');
    expect(res.status).toBe(422);
    expect(res.body).toEqual(issue(['body', 'limit'], 'type_error.none.not_allowed'));
  });

  it('import goes through the validation of create: a 200,000-character description is 422 and nothing is stored', async () => {
    const doc = { name: 'io.github.example/long-description', description: 'x'.repeat(200_000), version: '1.0.0', remotes: [{ type: 'streamable-http', url: 'https://example.com/mcp' }] };
    const res = await send('POST', '/mcps/import', JSON.stringify(doc));
    expect(res.status).toBe(422);
    expect(res.body).toEqual(issue(['body', 'description'], 'value_error.any_str.max_length'));
    expect(await platform.sql(`SELECT 1 FROM mcp_tools WHERE slug = 'long-description'`)).toHaveLength(0);
  });

  it('a body that is not JSON is 415 on a route that takes one; no body at all is 422', async () => {
    const text = await send('POST', '/mcps', 'name=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body).toEqual({ detail: expect.any(String), error_code: 'UNSUPPORTED_MEDIA_TYPE' });
    const empty = await send('POST', '/mcps');
    expect(empty.status).toBe(422);
    expect(empty.body).toEqual(issue(['body'], 'value_error.missing'));
  });
});
