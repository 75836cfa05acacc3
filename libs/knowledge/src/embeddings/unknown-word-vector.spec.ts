import { unknownWordVector } from './unknown-word-vector';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, d) => sum + value * b[d], 0);

describe('unknownWordVector', () => {
  it('is a deterministic unit vector per word', () => {
    const first = unknownWordVector('pgvector', new Float32Array(100));
    const again = unknownWordVector('pgvector', new Float32Array(100));
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(cosine(first, first)).toBeCloseTo(1, 5);
  });

  it('gives different words nearly orthogonal directions', () => {
    const a = unknownWordVector('pgvector', new Float32Array(100));
    const b = unknownWordVector('hnsw', new Float32Array(100));
    expect(Math.abs(cosine(a, b))).toBeLessThan(0.35);
  });
});
