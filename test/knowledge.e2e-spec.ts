import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { ISO_DATE, UUID } from './support/contract';
import { http } from './support/http';
import { Platform } from './support/platform';

const CONTRACT_DOCUMENT = {
  title: 'MCP Protocol Specification',
  content: 'The Model Context Protocol (MCP) is a standardized protocol for communication between AI models and external tools...',
  metadata: { source: 'official-docs', tags: ['mcp', 'protocol', 'specification'], language: 'en' },
};
const CONTRACT_SEARCH = { query: 'How does MCP handle authentication?', limit: 5, filters: { tags: ['mcp', 'protocol'] } };

describe('knowledge base', () => {
  const platform = new Platform({ workers: 1 });
  let url: string;
  let dev: Account;
  let other: Account;
  let viewer: Account;

  const upload = (who: Account, body: object) => http(url, 'POST', '/api/v1/knowledge/documents', { token: who.token, json: body });
  const search = (who: Account, body: object) => http(url, 'POST', '/api/v1/knowledge/search', { token: who.token, json: body });
  const embedded = async (id: string, embeddingId?: string) => {
    for (let i = 0; i < 100; i++) {
      const doc = (await http(url, 'GET', `/api/v1/knowledge/documents/${id}`, { token: dev.token })).body;
      if (doc.embedding_status === 'ready' && (!embeddingId || doc.embedding_id === embeddingId)) return doc;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`document ${id} was not embedded in time`);
  };

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    [dev, other, viewer] = await Promise.all([registerAndLogin(url), registerAndLogin(url), registerAndLogin(url, 'viewer')]);
  }, 90_000);
  afterAll(() => platform.stop());

  it('runs the contract flow: upload, search, get, delete', async () => {
    const created = await upload(dev, CONTRACT_DOCUMENT);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      document_id: expect.stringMatching(UUID),
      title: 'MCP Protocol Specification',
      created_at: expect.stringMatching(ISO_DATE),
      embedding_id: expect.stringMatching(UUID),
    });
    const id = created.body.document_id;
    await embedded(id);

    const found = await search(dev, CONTRACT_SEARCH);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ results: expect.any(Array), total: 1, query_time_ms: expect.any(Number) });
    const [hit] = found.body.results;
    expect(hit).toMatchObject({ document_id: id, title: 'MCP Protocol Specification', metadata: CONTRACT_DOCUMENT.metadata });
    expect(hit.content_snippet).toContain('Model Context Protocol');
    expect(hit.similarity_score).toBeGreaterThan(0);
    expect(hit.similarity_score).toBeLessThanOrEqual(1);

    const got = await http(url, 'GET', `/api/v1/knowledge/documents/${id}`, { token: viewer.token });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ document_id: id, title: CONTRACT_DOCUMENT.title, content: CONTRACT_DOCUMENT.content, metadata: CONTRACT_DOCUMENT.metadata });
    expect(got.body).toMatchObject({ embedding_model: 'local-sif-wink-100d', embedding_dimension: 100, embedding_status: 'ready' });
    expect(got.body.created_at).toMatch(ISO_DATE);
    expect(got.body.updated_at).toMatch(ISO_DATE);

    const deleted = await http(url, 'DELETE', `/api/v1/knowledge/documents/${id}`, { token: dev.token });
    expect(deleted.body).toEqual({ message: 'Document deleted successfully', document_id: id });
    expect((await http(url, 'GET', `/api/v1/knowledge/documents/${id}`, { token: dev.token })).status).toBe(404);
    expect((await http(url, 'DELETE', `/api/v1/knowledge/documents/${id}`, { token: dev.token })).status).toBe(404);
    expect((await search(dev, CONTRACT_SEARCH)).body.results).toEqual([]);
    expect(await platform.sql('SELECT 1 FROM document_chunks WHERE document_id = $1', [id])).toEqual([]);
  });

  it('ranks the matching document first and filters by tags, source and language', async () => {
    const docs = {
      pg: await upload(dev, { title: 'Postgres indexes', content: 'A B-tree index speeds up lookups on a database table column.', metadata: { tags: ['db'], source: 'notes', language: 'en' } }),
      http: await upload(dev, { title: 'HTTP caching', content: 'Cache-Control headers let browsers reuse responses without asking the server again.', metadata: { tags: ['http'], language: 'en' } }),
      fr: await upload(dev, { title: 'Index en français', content: 'Un index accélère les recherches dans une table.', metadata: { tags: ['db'], language: 'fr' } }),
    };
    for (const d of Object.values(docs)) await embedded(d.body.document_id);
    const ids = (res: { body: { results: { document_id: string }[] } }) => res.body.results.map((r) => r.document_id);

    expect(ids(await search(dev, { query: 'database index lookups' }))[0]).toBe(docs.pg.body.document_id);
    expect(ids(await search(dev, { query: 'browsers reuse cached responses' }))[0]).toBe(docs.http.body.document_id);
    expect(ids(await search(dev, { query: 'index', filters: { tags: ['http'] } }))).not.toContain(docs.pg.body.document_id);
    expect(ids(await search(dev, { query: 'index table', filters: { language: 'fr' } }))).toEqual([docs.fr.body.document_id]);
    expect(ids(await search(dev, { query: 'index table', filters: { source: 'notes' } }))).toEqual([docs.pg.body.document_id]);

    const listed = await http(url, 'GET', '/api/v1/knowledge/documents?tags=db&page_size=10', { token: viewer.token });
    expect(listed.body.items.map((d: { document_id: string }) => d.document_id).sort()).toEqual([docs.pg.body.document_id, docs.fr.body.document_id].sort());
  });

  it('re-chunks and re-embeds on update, so old content stops matching', async () => {
    const created = (await upload(dev, { title: 'Changing', content: 'Kubernetes schedules containers onto nodes.' })).body;
    await embedded(created.document_id);
    const updated = await http(url, 'PUT', `/api/v1/knowledge/documents/${created.document_id}`, {
      token: dev.token,
      json: { content: 'Redis streams store append-only logs of messages.' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.embedding_id).not.toBe(created.embedding_id);
    await embedded(created.document_id, updated.body.embedding_id);
    const ids = async (query: string) => (await search(dev, { query })).body.results.map((r: { document_id: string }) => r.document_id);
    expect((await ids('redis streams'))[0]).toBe(created.document_id);
    const stale = await search(dev, { query: 'kubernetes containers' });
    expect(stale.body.results.some((r: { content_snippet: string }) => r.content_snippet.includes('Kubernetes'))).toBe(false);
    const chunks = await platform.sql<{ embedding_id: string }>('SELECT embedding_id FROM document_chunks WHERE document_id = $1', [created.document_id]);
    expect(chunks.every((c) => c.embedding_id === updated.body.embedding_id)).toBe(true);
  });

  it('validates input and enforces permissions', async () => {
    expect((await upload(dev, { title: '', content: 'x' })).body.detail[0].loc).toEqual(['body', 'title']);
    expect((await upload(dev, { title: 't', content: '' })).body.detail[0].loc).toEqual(['body', 'content']);
    expect((await upload(dev, { title: 't', content: 'x'.repeat(1024 * 1024 + 1) })).status).toBe(413);
    expect((await search(dev, { query: 'x', limit: 500 })).body.detail[0].loc).toEqual(['body', 'limit']);
    const denied = await upload(viewer, CONTRACT_DOCUMENT);
    expect(denied.status).toBe(403);
    expect(denied.body.required_permission).toBe('knowledge:write');
    const mine = (await upload(dev, { title: 'Mine', content: 'Owned by the first developer.' })).body.document_id;
    expect((await http(url, 'DELETE', `/api/v1/knowledge/documents/${mine}`, { token: other.token })).status).toBe(403);
    expect((await http(url, 'PUT', `/api/v1/knowledge/documents/${mine}`, { token: other.token, json: { title: 'Theirs' } })).status).toBe(403);
    const reindex = await http(url, 'POST', '/api/v1/knowledge/reindex', { token: dev.token });
    expect(reindex.status).toBe(403);
    expect(reindex.body.required_permission).toBe('knowledge:admin');
  });

  it('reindexes every document as an admin task', async () => {
    const admin = await promoteToAdmin(platform, url, other);
    const res = await http(url, 'POST', '/api/v1/knowledge/reindex', { token: admin.token });
    expect(res.status).toBe(202);
    for (let i = 0; i < 100; i++) {
      const task = (await http(url, 'GET', `/api/v1/tasks/${res.body.task_id}`, { token: admin.token })).body;
      if (task.status === 'completed') {
        expect(task.result).toMatchObject({ model: 'local-sif-wink-100d' });
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('reindex did not complete');
  });
});
