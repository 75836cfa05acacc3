import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { EventBus } from '@app/core';
import { TaskEntity } from './entities/task.entity';
import { taskUpdateOf } from './task-events';

/** Thrown inside a job when its task was cancelled (or already finished elsewhere): stop, don't retry. */
export class TaskNotRunnable extends Error {}

/**
 * Every state change of a task, made with conditional updates so a job that runs twice (a crashed
 * worker's job picked up by another) cannot complete a task twice, and published as `task_update`.
 */
@Injectable()
export class TaskProgress {
  private readonly logger = new Logger(TaskProgress.name);

  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly events: EventBus,
  ) {}

  /** Claims the task for this attempt; returns undefined when it is cancelled or already final. */
  async start(id: string, attempt: number): Promise<TaskEntity | undefined> {
    const message = attempt > 1 ? `Retrying (attempt ${attempt})` : 'Started';
    return this.transition(id, ['pending', 'running'], {
      status: 'running',
      attempts: attempt,
      message,
      startedAt: () => 'COALESCE(started_at, now())',
    });
  }

  async report(id: string, progress: number, message: string): Promise<void> {
    const task = await this.transition(id, ['running'], { progress: Math.max(0, Math.min(99, Math.round(progress))), message });
    if (!task) throw new TaskNotRunnable(`task ${id} is no longer running`);
  }

  async complete(id: string, result: unknown): Promise<boolean> {
    const task = await this.transition(id, ['running'], {
      status: 'completed',
      progress: 100,
      message: 'Completed',
      result: result ?? null,
      completedAt: () => 'now()',
    });
    return task !== undefined;
  }

  async fail(id: string, code: string, message: string): Promise<void> {
    await this.transition(id, ['pending', 'running'], {
      status: 'failed',
      message,
      error: { code, message },
      completedAt: () => 'now()',
    });
  }

  /** One round trip: the conditional UPDATE returns the row it changed (or nothing). */
  private async transition(
    id: string,
    from: TaskEntity['status'][],
    changes: Record<string, unknown>,
  ): Promise<TaskEntity | undefined> {
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set(changes)
      .where({ id, status: In(from) })
      .returning('*')
      .execute();
    const row = (result.raw as Record<string, unknown>[])[0];
    if (!row) return undefined;
    const task = this.tasks.create();
    for (const column of this.tasks.metadata.columns) Object.assign(task, { [column.propertyName]: row[column.databaseName] });
    await this.events.publish(task.ownerId, taskUpdateOf(task)).catch((err: Error) => {
      // The row is the source of truth; a client that missed the event reads GET /tasks/{id}.
      this.logger.warn(`task_update for ${id} not published: ${err.message}`);
    });
    return task;
  }
}
