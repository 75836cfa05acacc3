import { wordVectorsOf } from '../../test/word-vectors.factory';
import { SifEncoder } from './sif-encoder';

const dot = (a: number[], b: number[]) => a.reduce((sum, value, d) => sum + value * b[d], 0);

describe('SifEncoder', () => {
  // "the" is the most frequent word, so its SIF weight is tiny; the others are rare.
  const encoder = new SifEncoder(
    wordVectorsOf({
      vectors: { the: [1, 0, 0, 0], database: [0, 4, 1, 0], postgres: [0, 3, 2, 0], banana: [0, 0, 0, 2] },
      ranks: { the: 0, database: 6000, postgres: 300_000, banana: 10_000 },
      sourceVocabularySize: 340_000,
    }),
  );

  it('returns unit vectors', () => {
    const vector = encoder.encode('The database');
    expect(vector).toHaveLength(4);
    expect(dot(vector, vector)).toBeCloseTo(1, 6);
  });

  it('all but ignores very frequent words', () => {
    expect(dot(encoder.encode('the database'), encoder.encode('database'))).toBeGreaterThan(0.99);
  });

  it('keeps related words closer than unrelated ones', () => {
    const database = encoder.encode('database');
    expect(dot(database, encoder.encode('postgres'))).toBeGreaterThan(dot(database, encoder.encode('banana')));
  });

  it('gives an unknown word the same vector every time, unlike another unknown word', () => {
    const query = encoder.encode('hnsw');
    expect(dot(query, encoder.encode('HNSW'))).toBeCloseTo(1, 6);
    expect(dot(query, encoder.encode('ivfflat'))).toBeLessThan(0.9);
  });

  it('skips unknown single characters and gives zeros for text without words', () => {
    expect(encoder.encode('a database')).toEqual(encoder.encode('database'));
    expect(encoder.encode(' ?! ')).toEqual([0, 0, 0, 0]);
  });
});
