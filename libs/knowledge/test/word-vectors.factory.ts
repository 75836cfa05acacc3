import { WordVectors } from '../src/embeddings/word-vectors';

const { encodeWordVectors } = require('../scripts/build-local-embeddings.cjs') as {
  encodeWordVectors(
    source: { words: string[]; ranks: number[]; floats: Float32Array; sourceVocabularySize: number },
    dimension: number,
  ): Buffer;
};

export interface WordVectorsFixture {
  vectors: Record<string, number[]>;
  /** 0-based corpus frequency ranks; by default the order of `vectors` (the first is the most frequent). */
  ranks?: Record<string, number>;
  sourceVocabularySize?: number;
}

/** A tiny asset written by the real converter. */
export function wordVectorsOf(fixture: WordVectorsFixture): WordVectors {
  return WordVectors.fromBuffer(wordVectorsAssetOf(fixture));
}

export function wordVectorsAssetOf({ vectors, ranks = {}, sourceVocabularySize = 100_000 }: WordVectorsFixture): Buffer {
  const words = Object.keys(vectors);
  const dimension = vectors[words[0]].length;
  return encodeWordVectors(
    {
      words,
      ranks: words.map((word, order) => ranks[word] ?? order),
      floats: Float32Array.from(words.flatMap((word) => vectors[word])),
      sourceVocabularySize,
    },
    dimension,
  );
}
