import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import { JOB_QUEUE, JobReconciler, type ExpectedJob, type ReconcileSource } from '@app/core';
import { TaskEntity } from './entities/task.entity';

/** Tasks still pending or running: each needs its job (id = task id), rebuilt from the row. */
@Injectable()
export class TaskReconcileSource implements ReconcileSource, OnModuleInit {
  readonly name = 'tasks';

  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly reconciler: JobReconciler,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async expectedJobs(staleBefore: Date, limit: number): Promise<ExpectedJob[]> {
    const rows = await this.tasks.find({
      where: { status: In(['pending', 'running']), updatedAt: LessThan(staleBefore) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
    return rows
      .filter((task) => task.type in JOB_QUEUE)
      .map(
        (task) =>
          ({
            name: task.type,
            jobId: task.id,
            data: { ...task.input, task_id: task.id, owner_id: task.ownerId, request_id: task.requestId ?? undefined },
          }) as ExpectedJob,
      );
  }
}
