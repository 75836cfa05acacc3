import { readEvalDocuments, readEvalQueries } from './retrieval-dataset';

describe('retrieval evaluation data set', () => {
  const documents = readEvalDocuments();
  const queries = readEvalQueries();
  const documentIds = new Set(documents.map((document) => document.id));

  it('holds at least 200 complete documents with unique ids', () => {
    expect(documents.length).toBeGreaterThanOrEqual(200);
    expect(documentIds.size).toBe(documents.length);
    for (const document of documents) {
      expect(document.title.trim()).not.toBe('');
      expect(document.content.length).toBeGreaterThan(200);
      expect(document.tags.length).toBeGreaterThan(0);
      expect(document.source).not.toBe('');
      expect(document.language).toBe('en');
    }
  });

  it('holds at least 50 judged queries of both kinds', () => {
    expect(queries.length).toBeGreaterThanOrEqual(50);
    expect(new Set(queries.map((query) => query.id)).size).toBe(queries.length);
    expect(queries.filter((query) => query.kind === 'keyword').length).toBeGreaterThanOrEqual(20);
    expect(queries.filter((query) => query.kind === 'paraphrase').length).toBeGreaterThanOrEqual(20);
  });

  it('judges only existing documents, each query with one graded 2', () => {
    for (const query of queries) {
      const judged = Object.entries(query.relevant);
      expect(judged.every(([id, grade]) => documentIds.has(id) && (grade === 1 || grade === 2))).toBe(true);
      expect(judged.some(([, grade]) => grade === 2)).toBe(true);
    }
  });
});
