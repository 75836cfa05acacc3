import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { JobReconciler, type ExpectedJob, type ReconcileSource } from '@app/core';
import { DeploymentEntity } from '../entities/deployment.entity';

/** The start job's id: one per deployment generation, so a redeploy is a new job and a retry is not. */
export const startJobId = (d: Pick<DeploymentEntity, 'id' | 'generation'>) => `start:${d.id}:${d.generation}`;

/**
 * Deployments left `starting` (the start job was lost, or a crash came between writing the row and
 * adding the job): each needs its start job again. Starting is conditional on status and generation,
 * so a job that was merely slow runs once.
 */
@Injectable()
export class DeploymentReconcileSource implements ReconcileSource, OnModuleInit {
  readonly name = 'deployments';

  constructor(
    @InjectRepository(DeploymentEntity) private readonly deployments: Repository<DeploymentEntity>,
    private readonly reconciler: JobReconciler,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async expectedJobs(staleBefore: Date, limit: number): Promise<ExpectedJob[]> {
    const rows = await this.deployments.find({
      select: { id: true, generation: true },
      where: { status: 'starting', updatedAt: LessThan(staleBefore) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
    return rows.map((d) => ({ name: 'deployments.start', jobId: startJobId(d), data: { deployment_id: d.id } }));
  }
}
