import { LOCAL_EMBEDDINGS_MODEL, LocalEmbeddings } from './local-embeddings';
import { loadWordVectors } from './word-vectors.loader';

/** Runs against the real asset: `node libs/knowledge/scripts/build-local-embeddings.cjs` first. */
describe('LocalEmbeddings', () => {
  let embeddings: LocalEmbeddings;
  const cosine = (a: number[], b: number[]) => a.reduce((sum, value, d) => sum + value * b[d], 0);
  const similarity = async (a: string, b: string) =>
    cosine(await embeddings.embedQuery(a), await embeddings.embedQuery(b));

  // Load time is a benchmark figure (`npm run bench -- knowledge`), never a timed assertion here.
  beforeAll(() => {
    embeddings = new LocalEmbeddings();
  });

  it('names its model and dimension', () => {
    expect(embeddings.model).toBe(LOCAL_EMBEDDINGS_MODEL);
    expect(embeddings.dimension).toBe(100);
  });

  it('shares one loaded asset between instances', () => {
    expect(loadWordVectors()).toBe(loadWordVectors());
  });

  it.each([
    ['database', 'postgres', 'banana'],
    ['database', 'sql', 'banana'],
    ['cache', 'caching', 'volcano'],
    ['encryption', 'decryption', 'breakfast'],
    ['authentication', 'password', 'giraffe'],
    ['json', 'xml', 'giraffe'],
    ['latency', 'throughput', 'poetry'],
  ])('puts %s closer to %s than to %s', async (word, related, unrelated) => {
    expect(await similarity(word, related)).toBeGreaterThan(await similarity(word, unrelated));
  });

  it('ranks a paraphrase above an unrelated sentence', async () => {
    const query = 'how do I speed up slow lookups in my tables';
    const related = 'Adding an index on the filtered column lets the query planner avoid a sequential scan.';
    const unrelated = 'The orchestra rehearsed the symphony twice before the evening concert.';
    expect(await similarity(query, related)).toBeGreaterThan(await similarity(query, unrelated) + 0.1);
  });

  it('embeds documents exactly as queries', async () => {
    const texts = ['Streamable HTTP transport', 'Redis eviction policy'];
    expect(await embeddings.embedDocuments(texts)).toEqual([
      await embeddings.embedQuery(texts[0]),
      await embeddings.embedQuery(texts[1]),
    ]);
  });
});
