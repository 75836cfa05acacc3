import { readFileSync } from 'node:fs';

const MAGIC = 'KBWV0001';
const HEADER_BYTES = 24;

/**
 * Read-only view over the int8-quantised word vectors written by
 * libs/knowledge/scripts/build-local-embeddings.cjs (layout documented there). Rows are in corpus
 * frequency order and keep their original rank, which is what the SIF weights are derived from.
 */
export class WordVectors {
  private constructor(
    readonly dimension: number,
    /** Vocabulary size of the source embeddings, the denominator of the Zipf frequency estimate. */
    readonly sourceVocabularySize: number,
    private readonly rows: Map<string, number>,
    private readonly scales: Float32Array,
    private readonly ranks: Uint32Array,
    private readonly vectors: Int8Array,
  ) {}

  static fromBuffer(buffer: Buffer): WordVectors {
    if (buffer.length < HEADER_BYTES || buffer.toString('latin1', 0, 8) !== MAGIC) {
      throw new Error('not a word vectors asset (bad magic); rebuild it with build-local-embeddings.cjs');
    }
    const dimension = buffer.readUInt32LE(8);
    const count = buffer.readUInt32LE(12);
    const sourceVocabularySize = buffer.readUInt32LE(16);
    const vocabularyBytes = buffer.readUInt32LE(20);
    const ranksAt = HEADER_BYTES + 4 * count;
    const vectorsAt = ranksAt + 4 * count;
    const vocabularyAt = vectorsAt + count * dimension;
    if (buffer.length !== vocabularyAt + vocabularyBytes) throw new Error('word vectors asset is truncated');
    // Copies: Float32Array/Uint32Array views need 4-byte alignment that a Buffer does not promise.
    const scales = new Float32Array(buffer.buffer.slice(buffer.byteOffset + HEADER_BYTES, buffer.byteOffset + ranksAt));
    const ranks = new Uint32Array(buffer.buffer.slice(buffer.byteOffset + ranksAt, buffer.byteOffset + vectorsAt));
    const vectors = new Int8Array(buffer.buffer, buffer.byteOffset + vectorsAt, count * dimension);
    const words = buffer.toString('utf8', vocabularyAt).split('\n');
    if (words.length !== count) throw new Error(`word vectors asset lists ${words.length} words, expected ${count}`);
    const rows = new Map<string, number>();
    words.forEach((word, row) => rows.set(word, row));
    return new WordVectors(dimension, sourceVocabularySize, rows, scales, ranks, vectors);
  }

  static fromFile(file: string): WordVectors {
    return WordVectors.fromBuffer(readFileSync(file));
  }

  get size(): number {
    return this.rows.size;
  }

  /** Row of a word, or undefined when it is out of vocabulary. */
  rowOf(word: string): number | undefined {
    return this.rows.get(word);
  }

  /** 0-based frequency rank of the word in the source corpus (0 is the most frequent). */
  rankOf(row: number): number {
    return this.ranks[row];
  }

  /** Writes the dequantised vector of `row` into `target` and returns its L2 norm. */
  read(row: number, target: Float32Array): number {
    const scale = this.scales[row];
    const offset = row * this.dimension;
    let squares = 0;
    for (let d = 0; d < this.dimension; d += 1) {
      const value = this.vectors[offset + d] * scale;
      target[d] = value;
      squares += value * value;
    }
    return Math.sqrt(squares);
  }
}
