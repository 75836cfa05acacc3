import { registerAndLogin } from './support/accounts';
import { FakeOpenAi } from './support/fake-openai';
import { http } from './support/http';
import { Platform } from './support/platform';

/** EMBEDDINGS_PROVIDER=openai through LangChain, against a loopback server speaking the Embeddings API. */
describe('knowledge base with an OpenAI-compatible embeddings endpoint', () => {
  const llm = new FakeOpenAi();
  let platform: Platform;

  beforeAll(async () => {
    await llm.start();
    platform = await new Platform({
      workers: 1,
      env: { EMBEDDINGS_PROVIDER: 'openai', OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-not-a-real-key' },
    }).start();
  }, 90_000);
  afterAll(async () => {
    await platform.stop();
    await llm.stop();
  });

  it('embeds with the provider, records its model and dimension, and searches with it', async () => {
    const url = platform.api.url;
    const dev = await registerAndLogin(url);
    const created = await http(url, 'POST', '/api/v1/knowledge/documents', {
      token: dev.token,
      json: { title: 'Streams', content: 'Redis streams keep an append-only log of messages.' },
    });
    let doc: any;
    for (let i = 0; i < 100 && doc?.embedding_status !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      doc = (await http(url, 'GET', `/api/v1/knowledge/documents/${created.body.document_id}`, { token: dev.token })).body;
    }
    expect(doc).toMatchObject({ embedding_model: 'openai:text-embedding-3-small', embedding_dimension: 8, embedding_status: 'ready' });
    const found = await http(url, 'POST', '/api/v1/knowledge/search', { token: dev.token, json: { query: 'append-only log' } });
    expect(found.body.results[0]).toMatchObject({ document_id: created.body.document_id });
    expect(found.body.results[0].similarity_score).toBeGreaterThan(0.5);
    expect(llm.embeddingCalls).toBeGreaterThanOrEqual(2);
  });
});
