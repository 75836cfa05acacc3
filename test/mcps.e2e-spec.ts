import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { CONTRACT, ISO_DATE, UUID } from './support/contract';
import { http } from './support/http';
import { Platform } from './support/platform';

describe('MCP tool registry', () => {
  const platform = new Platform();
  let url: string;
  let dev: Account;
  let other: Account;
  let viewer: Account;
  let admin: Account;

  const create = (who: Account, body: object) => http(url, 'POST', '/api/v1/mcps', { token: who.token, json: body });
  const tool = (slug: string, extra: object = {}) => ({ ...CONTRACT.createTool, slug, ...extra });

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    [dev, other, viewer, admin] = await Promise.all([
      registerAndLogin(url),
      registerAndLogin(url),
      registerAndLogin(url, 'viewer'),
      registerAndLogin(url),
    ]);
    admin = await promoteToAdmin(platform, url, admin);
  }, 90_000);
  afterAll(() => platform.stop());

  describe('the contract flow', () => {
    let id: string;

    it('creates a tool as a draft authored by the caller', async () => {
      const res = await create(dev, CONTRACT.createTool);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Weather MCP Tool',
        slug: 'weather-tool',
        description: 'Provides weather information via MCP protocol',
        version: '1.0.0',
        author_id: dev.id,
        status: 'draft',
      });
      expect(res.body.id).toMatch(UUID);
      expect(res.body.created_at).toMatch(ISO_DATE);
      expect(res.body.updated_at).toMatch(ISO_DATE);
      id = res.body.id;
    });

    it('gets the tool with its config', async () => {
      const res = await http(url, 'GET', `/api/v1/mcps/${id}`, { token: dev.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, slug: 'weather-tool', status: 'draft', author_id: dev.id, config: CONTRACT.createTool.config });
      expect(res.headers.get('etag')).toBeTruthy();
    });

    it('updates it partially', async () => {
      const res = await http(url, 'PUT', `/api/v1/mcps/${id}`, { token: dev.token, json: CONTRACT.updateTool });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id,
        name: 'Weather MCP Tool',
        slug: 'weather-tool',
        description: 'Updated weather tool with forecast support',
        version: '1.1.0',
        status: 'active',
      });
      expect(res.body.updated_at).toMatch(ISO_DATE);
    });

    it('lists active tools with pagination', async () => {
      const res = await http(url, 'GET', '/api/v1/mcps?page=1&page_size=10&status=active', { token: dev.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1, page: 1, page_size: 10, pages: 1 });
      expect(res.body.items).toEqual([
        expect.objectContaining({ id, name: 'Weather MCP Tool', slug: 'weather-tool', version: '1.1.0', status: 'active' }),
      ]);
    });

    it('keeps the version history newest first with full snapshots', async () => {
      const res = await http(url, 'GET', `/api/v1/mcps/${id}/history`, { token: dev.token });
      expect(res.status).toBe(200);
      expect(res.body.versions).toEqual([
        { version: '1.1.0', changed_at: expect.stringMatching(ISO_DATE), changed_by: dev.id, change_type: 'update', config: CONTRACT.createTool.config },
        { version: '1.0.0', changed_at: expect.stringMatching(ISO_DATE), changed_by: dev.id, change_type: 'create', config: CONTRACT.createTool.config },
      ]);
    });

    it('deletes it, after which it is 404', async () => {
      const res = await http(url, 'DELETE', `/api/v1/mcps/${id}`, { token: dev.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'MCP tool deleted successfully', id });
      const gone = await http(url, 'GET', `/api/v1/mcps/${id}`, { token: dev.token });
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual({ detail: 'MCP tool not found', error_code: 'NOT_FOUND', resource_type: 'mcp_tool', resource_id: id });
    });
  });

  describe('validation', () => {
    const expectIssue = async (body: object, loc: (string | number)[], type?: string) => {
      const res = await create(dev, body);
      expect(res.status).toBe(422);
      expect(res.body.error_code).toBe('VALIDATION_ERROR');
      expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc, ...(type ? { type } : {}) })]));
      return res.body.detail;
    };

    it('reports a bad version exactly like the contract', async () => {
      const res = await create(dev, tool('bad-version', { version: '1.0' }));
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        detail: [
          {
            loc: ['body', 'version'],
            msg: "string does not match regex '^\\d+\\.\\d+\\.\\d+$'",
            type: 'value_error.str.regex',
            ctx: { pattern: '^\\d+\\.\\d+\\.\\d+$' },
          },
        ],
        error_code: 'VALIDATION_ERROR',
      });
    });

    it('names each failing field', async () => {
      await expectIssue(tool('Bad_Slug'), ['body', 'slug'], 'value_error.str.regex');
      await expectIssue(tool('ab'), ['body', 'slug']);
      await expectIssue(tool('x'.repeat(65)), ['body', 'slug']);
      await expectIssue(tool('empty-name', { name: '' }), ['body', 'name']);
      await expectIssue(tool('long-name', { name: 'n'.repeat(256) }), ['body', 'name']);
      await expectIssue({ ...tool('missing-name'), name: undefined }, ['body', 'name'], 'value_error.missing');
      await expectIssue(tool('extra-field', { owner: 'me' }), ['body', 'owner'], 'value_error.extra');
      await expectIssue(tool('config-list', { config: [] }), ['body', 'config']);
    });

    it('validates the config as a whole', async () => {
      await expectIssue(
        tool('bad-server-url', { config: { servers: [{ name: 's', url: 'ftp://x' }], tools: [] } }),
        ['body', 'config', 'servers', 0, 'url'],
      );
      await expectIssue(
        tool('bad-tool-name', { config: { servers: [], tools: [{ name: 'has space', description: 'd', parameters: {} }] } }),
        ['body', 'config', 'tools', 0, 'name'],
        'value_error.str.regex',
      );
    });

    it('refuses a config over 256 KiB with 413', async () => {
      const big = { servers: [], tools: [{ name: 't', description: 'd'.repeat(300 * 1024), parameters: {} }] };
      const res = await create(dev, tool('too-big', { config: big }));
      expect(res.status).toBe(413);
      expect(res.body.error_code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers a malformed id with 422 at the path, never 500', async () => {
      const res = await http(url, 'GET', '/api/v1/mcps/invalid-id', { token: dev.token });
      expect(res.status).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['path', 'id']);
    });

    it('caps page_size at 100', async () => {
      const res = await http(url, 'GET', '/api/v1/mcps?page_size=101', { token: dev.token });
      expect(res.status).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['query', 'page_size']);
    });

    it('refuses a duplicate slug with 409', async () => {
      expect((await create(dev, tool('dup-slug'))).status).toBe(201);
      const res = await create(other, tool('dup-slug'));
      expect(res.status).toBe(409);
      expect(res.body.error_code).toBe('CONFLICT');
    });
  });

  describe('versions', () => {
    let id: string;
    const put = (body: object, headers: Record<string, string> = {}) =>
      http(url, 'PUT', `/api/v1/mcps/${id}`, { token: dev.token, json: body, headers });
    const newConfig = (n: number) => ({ ...CONTRACT.createTool.config, servers: [{ name: `s${n}`, url: `https://s${n}.example.com` }] });

    beforeAll(async () => {
      id = (await create(dev, tool('versioned', { version: '2.0.0' }))).body.id;
    });

    it('refuses a config change without a greater version, and a version going backwards', async () => {
      expect((await put({ config: newConfig(1) })).status).toBe(409);
      expect((await put({ version: '1.9.9' })).status).toBe(409);
      expect((await put({ version: '2.1.0', config: newConfig(1) })).status).toBe(200);
    });

    it('honours If-Match with 412 on a stale ETag', async () => {
      const current = await http(url, 'GET', `/api/v1/mcps/${id}`, { token: dev.token });
      const etag = current.headers.get('etag') as string;
      expect((await put({ description: 'first' }, { 'If-Match': etag })).status).toBe(200);
      const stale = await put({ description: 'second' }, { 'If-Match': etag });
      expect(stale.status).toBe(412);
      expect(stale.body.error_code).toBe('PRECONDITION_FAILED');
    });

    it('rolls back to an earlier config as a new version', async () => {
      const res = await http(url, 'POST', `/api/v1/mcps/${id}/rollback`, { token: dev.token, json: { version: '2.0.0' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: '2.1.1', config: CONTRACT.createTool.config });
      const history = await http(url, 'GET', `/api/v1/mcps/${id}/history`, { token: dev.token });
      expect(history.body.versions[0]).toMatchObject({ version: '2.1.1', change_type: 'rollback', config: CONTRACT.createTool.config });
    });

    it('serialises concurrent updates: no lost history row, no interleaved version', async () => {
      const before = (await http(url, 'GET', `/api/v1/mcps/${id}/history`, { token: dev.token })).body.versions.length;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => put({ version: `3.0.${i}`, config: newConfig(10 + i) })),
      );
      const ok = results.filter((r) => r.status === 200);
      expect(ok.length + results.filter((r) => r.status === 409).length).toBe(8);
      expect(ok.length).toBeGreaterThan(0);
      const history = (await http(url, 'GET', `/api/v1/mcps/${id}/history`, { token: dev.token })).body.versions;
      expect(history.length).toBe(before + ok.length);
      const versions = history.slice(0, ok.length).map((v: { version: string }) => Number(v.version.split('.')[2]));
      expect([...versions].sort((a, b) => b - a)).toEqual(versions);
    });
  });

  describe('ownership', () => {
    let id: string;
    beforeAll(async () => {
      id = (await create(dev, tool('owned-by-dev'))).body.id;
    });

    it('lets every authenticated user read', async () => {
      for (const who of [dev, other, viewer, admin]) {
        expect((await http(url, 'GET', `/api/v1/mcps/${id}`, { token: who.token })).status).toBe(200);
      }
    });

    it('refuses a viewer with 403 naming the permission', async () => {
      const res = await http(url, 'DELETE', `/api/v1/mcps/${id}`, { token: viewer.token });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        detail: 'Insufficient permissions to perform this action',
        error_code: 'FORBIDDEN',
        required_permission: 'mcps:delete',
      });
      expect((await create(viewer, tool('viewer-tool'))).status).toBe(403);
    });

    it('refuses another developer, allows the owner and an admin', async () => {
      const put = (who: Account, description: string) =>
        http(url, 'PUT', `/api/v1/mcps/${id}`, { token: who.token, json: { description } });
      expect((await put(other, 'hijack')).status).toBe(403);
      expect((await http(url, 'DELETE', `/api/v1/mcps/${id}`, { token: other.token })).status).toBe(403);
      expect((await put(dev, 'by owner')).status).toBe(200);
      expect((await put(admin, 'by admin')).status).toBe(200);
      expect((await http(url, 'DELETE', `/api/v1/mcps/${id}`, { token: admin.token })).status).toBe(200);
    });
  });

  describe('server.json interchange', () => {
    it('exports the official format and imports it back as a draft', async () => {
      const source = (await create(dev, tool('exported-tool'))).body;
      const exported = await http(url, 'GET', `/api/v1/mcps/${source.id}/server.json`, { token: viewer.token });
      expect(exported.status).toBe(200);
      expect(exported.body).toMatchObject({
        $schema: 'https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json',
        name: 'io.mcp-platform/exported-tool',
        version: '1.0.0',
        remotes: [{ type: 'streamable-http', url: 'http://api.weather.com' }],
      });
      await http(url, 'DELETE', `/api/v1/mcps/${source.id}`, { token: dev.token });
      const imported = await http(url, 'POST', '/api/v1/mcps/import', { token: other.token, json: exported.body });
      expect(imported.status).toBe(201);
      expect(imported.body).toMatchObject({ slug: 'exported-tool', status: 'draft', author_id: other.id, version: '1.0.0' });
      const again = await http(url, 'GET', `/api/v1/mcps/${imported.body.id}/server.json`, { token: other.token });
      expect(again.body).toEqual(exported.body);
      const bad = await http(url, 'POST', '/api/v1/mcps/import', { token: other.token, json: { name: 'x', version: '1' } });
      expect(bad.status).toBe(422);
      expect(bad.body.detail.map((i: { loc: string[] }) => i.loc)).toEqual([['body', 'name'], ['body', 'description'], ['body', 'version']]);
    });
  });

  describe('listing', () => {
    it('filters by author and text, sorts by name, in a stable order', async () => {
      for (const [slug, name] of [['zeta-list', 'Zeta search'], ['alpha-list', 'Alpha search'], ['mid-list', 'Mid search']]) {
        await create(other, tool(slug, { name }));
      }
      const res = await http(url, 'GET', `/api/v1/mcps?author_id=${other.id}&q=search&sort=name`, { token: dev.token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((t: { name: string }) => t.name)).toEqual(['Alpha search', 'Mid search', 'Zeta search']);
      expect(res.body.total).toBe(3);
    });
  });
});
