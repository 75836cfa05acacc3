import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { EventBus, type TaskUpdateEvent, type ValidationIssue } from '@app/core';
import { TaskEntity } from './entities/task.entity';
import { announceFinalState, isFinalStatus, taskUpdateOf } from './task-events';

/** Thrown inside a job when its task was cancelled (or already finished elsewhere): stop, don't retry. */
export class TaskNotRunnable extends Error {}

/**
 * Intermediate progress is written to the row at most this often per task; every report is
 * published, and a report that was not written is written when the interval ends, so
 * `GET /tasks/{id}` never lags the events by more than this.
 */
export const PROGRESS_WRITE_INTERVAL_MS = 500;

/**
 * Every state change of a task, made with conditional updates so a job that runs twice (a crashed
 * worker's job picked up by another) cannot complete a task twice, and published as `task_update`:
 * intermediate states best effort, the final state exactly once (see `announceFinalState`).
 */
@Injectable()
export class TaskProgress {
  private readonly logger = new Logger(TaskProgress.name);
  private readonly lastWrite = new Map<string, number>();
  /** The latest unwritten report per task, flushed by one timer when the write interval ends. */
  private readonly pending = new Map<string, { progress: number; message: string; timer: NodeJS.Timeout }>();

  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly events: EventBus,
  ) {}

  /**
   * Claims the task for this attempt; returns undefined when it is cancelled or already final. A
   * job that finds its task final announces that state again: the job that finished it may have
   * died before announcing it, and subscribers would otherwise wait forever.
   */
  async start(id: string, attempt: number): Promise<TaskEntity | undefined> {
    const message = attempt > 1 ? `Retrying (attempt ${attempt})` : 'Started';
    const task = await this.transition(id, ['pending', 'running'], {
      status: 'running',
      attempts: attempt,
      message,
      startedAt: () => 'COALESCE(started_at, now())',
    });
    if (!task) {
      await this.announceFinal(id);
      return undefined;
    }
    this.lastWrite.set(id, Date.now());
    await this.publish(task.ownerId, taskUpdateOf(task));
    return task;
  }

  /**
   * Publishes progress at once; the row (and with it the cancellation check) is updated at most
   * every PROGRESS_WRITE_INTERVAL_MS, so a fast task costs no intermediate writes.
   */
  async report(id: string, ownerId: string, progress: number, message: string): Promise<void> {
    const value = Math.max(0, Math.min(99, Math.round(progress)));
    const now = Date.now();
    const sinceWrite = now - (this.lastWrite.get(id) ?? 0);
    if (sinceWrite < PROGRESS_WRITE_INTERVAL_MS) {
      this.writeLater(id, value, message, PROGRESS_WRITE_INTERVAL_MS - sinceWrite);
      await this.publish(ownerId, { type: 'task_update', task_id: id, status: 'running', progress: value, message });
      return;
    }
    this.forgetPending(id);
    this.lastWrite.set(id, now);
    const task = await this.transition(id, ['running'], { progress: value, message });
    if (!task) {
      this.forget(id);
      throw new TaskNotRunnable(`task ${id} is no longer running`);
    }
    await this.publish(task.ownerId, taskUpdateOf(task));
  }

  /** Completes a running task and announces it; safe to call again after an outage interrupted it. */
  async complete(id: string, result: unknown): Promise<boolean> {
    this.forget(id);
    const task = await this.transition(id, ['running'], {
      status: 'completed',
      progress: 100,
      message: 'Completed',
      result: result ?? null,
      completedAt: () => 'now()',
    });
    await this.announceFinal(id, task);
    return task !== undefined;
  }

  async fail(id: string, code: string, message: string, details?: ValidationIssue[]): Promise<void> {
    this.forget(id);
    const task = await this.transition(id, ['pending', 'running'], {
      status: 'failed',
      message,
      error: { code, message, ...(details ? { details } : {}) },
      completedAt: () => 'now()',
    });
    await this.announceFinal(id, task);
  }

  /** Keeps the latest skipped report and writes it once the interval ends (still only while running). */
  private writeLater(id: string, progress: number, message: string, delayMs: number): void {
    const existing = this.pending.get(id);
    if (existing) {
      Object.assign(existing, { progress, message });
      return;
    }
    const timer = setTimeout(() => {
      const latest = this.pending.get(id);
      this.pending.delete(id);
      if (!latest) return;
      this.lastWrite.set(id, Date.now());
      this.transition(id, ['running'], { progress: latest.progress, message: latest.message }).catch((err: Error) =>
        this.logger.warn(`progress of ${id} not written: ${err.message}`),
      );
    }, delayMs);
    timer.unref();
    this.pending.set(id, { progress, message, timer });
  }

  private forgetPending(id: string): void {
    clearTimeout(this.pending.get(id)?.timer);
    this.pending.delete(id);
  }

  private forget(id: string): void {
    this.forgetPending(id);
    this.lastWrite.delete(id);
  }

  /** Announces the task's final state (once on the bus); nothing when the task is missing or unfinished. */
  private async announceFinal(id: string, changed?: TaskEntity): Promise<void> {
    const task = changed ?? (await this.tasks.findOneBy({ id }));
    if (task && isFinalStatus(task.status)) await announceFinalState(this.events, task);
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
    return task;
  }

  private async publish(ownerId: string, event: TaskUpdateEvent): Promise<void> {
    await this.events.publish(ownerId, event).catch((err: Error) => {
      // Intermediate states only: the row is the source of truth and the final state is announced reliably.
      this.logger.warn(`task_update for ${event.task_id} not published: ${err.message}`);
    });
  }
}
