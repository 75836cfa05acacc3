import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { JobReconciler, type ExpectedJob, type ReconcileSource } from '@app/core';
import { DocumentEntity } from './entities/document.entity';

/** Documents whose vectors are still pending: each needs its embedding job (id = embedding id). */
@Injectable()
export class EmbeddingReconcileSource implements ReconcileSource, OnModuleInit {
  readonly name = 'document-embeddings';

  constructor(
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
    private readonly reconciler: JobReconciler,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async expectedJobs(staleBefore: Date, limit: number): Promise<ExpectedJob[]> {
    const rows = await this.documents.find({
      select: { id: true, embeddingId: true },
      where: { embeddingStatus: 'pending', updatedAt: LessThan(staleBefore) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
    return rows.map((document) => ({
      name: 'knowledge.embed-document',
      jobId: document.embeddingId,
      data: { document_id: document.id, embedding_id: document.embeddingId },
    }));
  }
}
