import { wordVectorsAssetOf, wordVectorsOf } from '../../test/word-vectors.factory';
import { WordVectors } from './word-vectors';

describe('WordVectors', () => {
  const vectors = wordVectorsOf({
    vectors: { the: [1, 0, 0], cache: [0, 3, 4], 'café': [-2, 0.5, 0] },
    sourceVocabularySize: 5000,
  });

  it('reads the header and the vocabulary in rank order', () => {
    expect(vectors.dimension).toBe(3);
    expect(vectors.size).toBe(3);
    expect(vectors.sourceVocabularySize).toBe(5000);
    expect(vectors.rowOf('café')).toBe(2);
    expect(vectors.rankOf(vectors.rowOf('cache')!)).toBe(1);
    expect(vectors.rowOf('missing')).toBeUndefined();
  });

  it('dequantises int8 rows to within one quantisation step', () => {
    const target = new Float32Array(3);
    const norm = vectors.read(vectors.rowOf('cache')!, target);
    expect(Array.from(target)).toEqual([0, expect.closeTo(3, 1), expect.closeTo(4, 1)]);
    expect(norm).toBeCloseTo(5, 1);
  });

  it('reads a buffer that does not start on a 4-byte boundary', () => {
    const asset = wordVectorsAssetOf({ vectors: { ok: [1, 2] } });
    const shifted = Buffer.alloc(asset.length + 1);
    asset.copy(shifted, 1);
    expect(WordVectors.fromBuffer(shifted.subarray(1)).rowOf('ok')).toBe(0);
  });

  it('rejects foreign or truncated files', () => {
    const asset = wordVectorsAssetOf({ vectors: { ok: [1, 2] } });
    expect(() => WordVectors.fromBuffer(Buffer.from('not an asset at all, sorry'))).toThrow(/bad magic/);
    expect(() => WordVectors.fromBuffer(asset.subarray(0, asset.length - 1))).toThrow(/truncated/);
  });
});
