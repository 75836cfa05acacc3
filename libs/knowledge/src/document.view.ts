import type { DocumentCreatedDto, DocumentDetailDto, DocumentSummaryDto } from './dto/document-responses.dto';
import type { DocumentEntity } from './entities/document.entity';

export function toDocumentCreated(document: DocumentEntity): DocumentCreatedDto {
  return { document_id: document.id, title: document.title, created_at: document.createdAt, embedding_id: document.embeddingId };
}

export function toDocumentSummary(document: DocumentEntity): DocumentSummaryDto {
  return {
    document_id: document.id,
    title: document.title,
    metadata: document.metadata,
    embedding_id: document.embeddingId,
    embedding_model: document.embeddingModel,
    embedding_dimension: document.embeddingDimension,
    embedding_status: document.embeddingStatus,
    created_at: document.createdAt,
    updated_at: document.updatedAt,
  };
}

export function toDocumentDetail(document: DocumentEntity): DocumentDetailDto {
  const { document_id, title, metadata, ...rest } = toDocumentSummary(document);
  return { document_id, title, content: document.content, metadata, ...rest };
}
