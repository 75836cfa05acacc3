import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isUuid, JobProducer, NotFound, Page, pageOffset, PayloadTooLarge, toPage, type UserBackedActor } from '@app/core';
import { chunkDocument } from './chunking/chunk-document';
import { indexedMetadata } from './document-metadata';
import { CreateDocumentDto, UpdateDocumentDto } from './dto/document.dto';
import { ListDocumentsQueryDto } from './dto/list-documents-query.dto';
import { DocumentChunkEntity } from './entities/document-chunk.entity';
import { DocumentEntity } from './entities/document.entity';
import { EmbeddingsProvider } from './providers/embeddings.provider';

/** Largest accepted document content (UTF-8). */
export const MAX_CONTENT_BYTES = 1024 * 1024;

/**
 * Documents and their chunks. Chunks are written with the document, so full-text search finds a
 * new document at once; the worker then fills in their vectors (`knowledge.embed-document`).
 * Writes on behalf of an actor: callers authorize first (the api's @OwnedBy guard), so nothing
 * here looks at a request principal.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
    private readonly embeddings: EmbeddingsProvider,
  ) {}

  /** The document belongs to the user behind the actor. */
  async create(actor: UserBackedActor, dto: CreateDocumentDto): Promise<DocumentEntity> {
    assertContentSize(dto.content);
    const metadata = dto.metadata ?? {};
    const document = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(DocumentEntity, {
          title: dto.title,
          content: dto.content,
          metadata,
          ...indexedMetadata(metadata),
          ownerId: actor.userId,
          embeddingId: randomUUID(),
          embeddingModel: this.embeddings.modelName,
          embeddingStatus: 'pending',
        }),
      );
      await this.writeChunks(manager, saved);
      return saved;
    });
    await this.enqueueEmbedding(document);
    return document;
  }

  async get(id: string): Promise<DocumentEntity> {
    const document = isUuid(id) ? await this.documents.findOneBy({ id }) : null;
    if (!document) throw NotFound('document', id);
    return document;
  }

  async list(query: ListDocumentsQueryDto): Promise<Page<DocumentEntity>> {
    const qb = this.documents.createQueryBuilder('d').orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC');
    if (query.tags?.length) qb.where('d.tags && :tags', { tags: query.tags });
    const [items, total] = await Promise.all([qb.clone().offset(pageOffset(query)).limit(query.page_size).getMany(), qb.getCount()]);
    return toPage(items, total, query);
  }

  /** A content change re-chunks under a new embedding id; old chunks go in the same transaction. */
  async update(id: string, dto: UpdateDocumentDto): Promise<DocumentEntity> {
    if (dto.content !== undefined) assertContentSize(dto.content);
    const document = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(DocumentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw NotFound('document', id);
      const metadata = dto.metadata ?? current.metadata;
      Object.assign(current, { title: dto.title ?? current.title, metadata, ...indexedMetadata(metadata) });
      const rechunk = dto.content !== undefined && dto.content !== current.content;
      if (rechunk) {
        Object.assign(current, { content: dto.content, embeddingId: randomUUID(), embeddingModel: this.embeddings.modelName, embeddingStatus: 'pending' });
        await manager.delete(DocumentChunkEntity, { documentId: id });
      }
      const saved = await manager.save(current);
      if (rechunk) await this.writeChunks(manager, saved);
      return saved;
    });
    if (document.embeddingStatus === 'pending') await this.enqueueEmbedding(document);
    return document;
  }

  async remove(id: string): Promise<void> {
    const { affected } = await this.documents.delete({ id });
    if (!affected) throw NotFound('document', id);
  }

  /** For the ownership guard: the document's owner (404 when there is no such document). */
  async ownerOf(id: string): Promise<string> {
    return (await this.get(id)).ownerId;
  }

  private async writeChunks(manager: EntityManager, document: DocumentEntity): Promise<void> {
    const chunks = await chunkDocument(document.content);
    if (chunks.length === 0) return;
    await manager.insert(
      DocumentChunkEntity,
      chunks.map((chunk) => ({
        documentId: document.id,
        embeddingId: document.embeddingId,
        chunkIndex: chunk.index,
        content: chunk.content,
        startOffset: chunk.start_offset,
        endOffset: chunk.end_offset,
      })),
    );
  }

  /**
   * The document is already committed and full-text searchable; if the queue is down, its
   * embedding stays `pending` and the worker's reconciler queues it once Redis is back.
   */
  private async enqueueEmbedding(document: DocumentEntity): Promise<void> {
    const data = { document_id: document.id, embedding_id: document.embeddingId };
    await this.jobs.enqueue('knowledge.embed-document', data, document.embeddingId).catch((err: Error) => {
      this.logger.warn(`embedding of document ${document.id} left to the reconciler: ${err.message}`);
    });
  }
}

function assertContentSize(content: string): void {
  if (Buffer.byteLength(content, 'utf8') > MAX_CONTENT_BYTES) throw PayloadTooLarge(MAX_CONTENT_BYTES);
}
