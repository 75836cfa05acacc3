import { tokenize } from './tokenize';
import { unknownWordVector } from './unknown-word-vector';
import { WordVectors } from './word-vectors';

/**
 * The SIF smoothing constant a in weight(w) = a / (a + p(w)) (Arora et al., 2017, "A simple but
 * tough-to-beat baseline for sentence embeddings"): "the" gets ~0.01, words past rank ~10k get ~1.
 * 1e-3 is the paper's default; 1e-2 to 1e-4 scored within noise on eval/retrieval.
 */
export const DEFAULT_SIF_SMOOTHING = 1e-3;
const EULER_MASCHERONI = 0.5772156649;

/**
 * Turns text into one vector: the SIF-weighted average of its unit-length word vectors, then
 * L2-normalised so that cosine similarity is a dot product. Word probabilities come from corpus
 * frequency ranks through Zipf's law, p(rank r) = 1 / (r * H_N), because the source vectors ship
 * ranks rather than counts. Unit word vectors keep rare words with short, noisy GloVe vectors from
 * being drowned out by their neighbours, which scored best on eval/retrieval.
 */
export class SifEncoder {
  readonly dimension: number;
  private readonly harmonic: number;
  private readonly unknownWeight: number;
  private readonly word: Float32Array;

  constructor(
    private readonly vectors: WordVectors,
    private readonly smoothing = DEFAULT_SIF_SMOOTHING,
  ) {
    this.dimension = vectors.dimension;
    this.harmonic = Math.log(vectors.sourceVocabularySize) + EULER_MASCHERONI;
    // Out-of-vocabulary words are rarer than the rarest known word.
    this.unknownWeight = this.weightOfRank(vectors.sourceVocabularySize);
    this.word = new Float32Array(vectors.dimension);
  }

  /** A unit vector, or all zeros when the text holds no word of two or more letters or digits. */
  encode(text: string): number[] {
    const sum = new Float64Array(this.dimension);
    for (const token of tokenize(text)) {
      const weight = this.loadWord(token);
      for (let d = 0; d < this.dimension; d += 1) sum[d] += weight * this.word[d];
    }
    return normalise(sum);
  }

  /** Puts the unit vector of `token` in this.word and returns its SIF weight (0 to skip it). */
  private loadWord(token: string): number {
    const row = this.vectors.rowOf(token);
    if (row !== undefined) {
      const norm = this.vectors.read(row, this.word);
      return norm === 0 ? 0 : this.weightOfRank(this.vectors.rankOf(row)) / norm;
    }
    // The source vocabulary has no single letters or digits ("a", "s" of "it's", "2" of "HTTP/2"):
    // they carry no meaning of their own, so they are skipped rather than hashed.
    if (token.length < 2) return 0;
    unknownWordVector(token, this.word);
    return this.unknownWeight;
  }

  private weightOfRank(rank: number): number {
    const probability = 1 / ((rank + 1) * this.harmonic);
    return this.smoothing / (this.smoothing + probability);
  }
}

function normalise(vector: Float64Array): number[] {
  let squares = 0;
  for (const value of vector) squares += value * value;
  const norm = Math.sqrt(squares);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
}
