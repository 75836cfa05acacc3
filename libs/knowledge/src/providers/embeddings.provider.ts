import { Inject, Injectable } from '@nestjs/common';
import type { Embeddings } from '@langchain/core/embeddings';
import { OllamaEmbeddings } from '@langchain/ollama';
import { OpenAIEmbeddings } from '@langchain/openai';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { LOCAL_EMBEDDINGS_MODEL, LocalEmbeddings } from '../embeddings/local-embeddings';

export interface EmbeddingModel {
  /** Recorded with every document, so vectors of different models are never compared. */
  name: string;
  embeddings: Embeddings;
}

/**
 * The EMBEDDINGS_PROVIDER behind LangChain's Embeddings interface, created on first use: the api
 * needs it only when it searches, and the local word vectors cost ~150 ms and ~90 MB to load.
 */
@Injectable()
export class EmbeddingsProvider {
  private model?: EmbeddingModel;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get modelName(): string {
    const { embeddingsProvider, llm } = this.config;
    if (embeddingsProvider === 'local') return LOCAL_EMBEDDINGS_MODEL;
    return `${embeddingsProvider}:${llm.model ?? (embeddingsProvider === 'openai' ? 'text-embedding-3-small' : 'nomic-embed-text')}`;
  }

  get(): EmbeddingModel {
    this.model ??= { name: this.modelName, embeddings: this.create() };
    return this.model;
  }

  private create(): Embeddings {
    const { embeddingsProvider, llm } = this.config;
    const model = this.modelName.split(':')[1];
    if (embeddingsProvider === 'openai') {
      return new OpenAIEmbeddings({
        model,
        apiKey: llm.openaiApiKey ?? 'unset',
        configuration: llm.openaiBaseUrl ? { baseURL: llm.openaiBaseUrl } : undefined,
        maxRetries: 0,
      });
    }
    if (embeddingsProvider === 'ollama') return new OllamaEmbeddings({ model, baseUrl: llm.ollamaBaseUrl });
    return new LocalEmbeddings();
  }
}
