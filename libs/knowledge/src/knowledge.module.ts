import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '@app/auth';
import { TasksModule } from '@app/tasks';
import { DocumentEmbedder } from './document-embedder.service';
import { DocumentsService } from './documents.service';
import { EmbeddingReconcileSource } from './embedding-reconcile.source';
import { DocumentChunkEntity } from './entities/document-chunk.entity';
import { DocumentEntity } from './entities/document.entity';
import { EmbeddingsProvider } from './providers/embeddings.provider';
import { KnowledgeSearchService } from './search/knowledge-search.service';
import { VectorIndex } from './search/vector-index';

@Module({
  // UserEntity: the target of this lib's foreign keys, also in processes without AuthModule (the worker).
  imports: [TypeOrmModule.forFeature([DocumentEntity, DocumentChunkEntity, UserEntity]), TasksModule],
  providers: [DocumentsService, KnowledgeSearchService, DocumentEmbedder, EmbeddingsProvider, VectorIndex, EmbeddingReconcileSource],
  exports: [DocumentsService, KnowledgeSearchService, DocumentEmbedder],
})
export class KnowledgeModule {}
