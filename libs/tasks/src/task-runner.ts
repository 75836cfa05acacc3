import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { AppException, retryWhileUnavailable, type JobEnvelope } from '@app/core';
import { TaskNotRunnable, TaskProgress } from './task-progress.service';

export type ReportProgress = (progress: number, message: string) => Promise<void>;

/** How long a job waits in place for PostgreSQL or Redis to return before the outage costs an attempt. */
export const OUTAGE_WINDOW_MS = 5 * 60_000;

/** Logged when a cancelled (or otherwise finished) task's work ends without storing anything. */
const DISCARDED = 'result discarded: the task is no longer running';

/** A failure that another attempt cannot fix (say, a model that keeps answering invalid output): the task fails now with `code`. */
export class PermanentTaskFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs one attempt of a task's job: claims the task, lets the work report progress, stores the
 * result. Retries are Bull's; after the last attempt (or a domain 4xx error) the task is failed
 * with a clear error. A cancelled or already-final task makes the job a no-op (apart from
 * announcing the final state). PostgreSQL or Redis being unreachable is not the work's fault: each
 * step waits for them in place instead of spending an attempt.
 */
@Injectable()
export class TaskRunner {
  private readonly logger = new Logger(TaskRunner.name);

  constructor(private readonly progress: TaskProgress) {}

  async run<T extends JobEnvelope>(job: Job<T>, work: (report: ReportProgress) => Promise<unknown>): Promise<void> {
    const { task_id: taskId, request_id: requestId, owner_id: ownerId } = job.data;
    const attempt = job.attemptsMade + 1;
    const log = { task_id: taskId, request_id: requestId, job: job.name, attempt };
    const throughOutages = <R>(step: string, fn: () => Promise<R>) =>
      retryWhileUnavailable(fn, {
        windowMs: OUTAGE_WINDOW_MS,
        onRetry: (err, delayMs) => this.logger.warn({ ...log, msg: `${step}: dependency unavailable (${err.message}); retrying in ${delayMs} ms` }),
      });

    if (!(await throughOutages('start', () => this.progress.start(taskId, attempt)))) {
      this.logger.log({ ...log, msg: 'task not runnable (cancelled or final); skipping' });
      return;
    }
    try {
      const result = await throughOutages('work', () => work((value, message) => this.progress.report(taskId, ownerId, value, message)));
      const completed = await throughOutages('complete', () => this.progress.complete(taskId, result));
      this.logger.log({ ...log, msg: completed ? 'task completed' : DISCARDED });
    } catch (err) {
      if (err instanceof TaskNotRunnable) return this.logger.log({ ...log, msg: DISCARDED });
      const error = err as Error;
      // A domain 4xx (say, the tool was deleted since the request) cannot be fixed by retrying.
      const permanent = (err instanceof AppException && err.status < 500) || err instanceof PermanentTaskFailure;
      const lastAttempt = permanent || attempt >= (job.opts.attempts ?? 1);
      this.logger.warn({ ...log, msg: `task attempt failed: ${error.message}`, last_attempt: lastAttempt });
      if (!lastAttempt) throw error;
      const details = err instanceof AppException && Array.isArray(err.detail) ? err.detail : undefined;
      await throughOutages('fail', () => this.progress.fail(taskId, errorCode(err), failureMessage(error, attempt, permanent), details));
      if (permanent) await job.discard();
      throw error;
    }
  }
}

function errorCode(err: unknown): string {
  if (err instanceof PermanentTaskFailure) return err.code;
  return err instanceof AppException ? err.errorCode : 'TASK_FAILED';
}

/** One line for people: a validation failure lists its `loc: msg` entries. */
export function failureSummary(error: Error): string {
  if (error instanceof AppException && Array.isArray(error.detail)) {
    return `Validation failed: ${error.detail.map((issue) => `${issue.loc.join('.')}: ${issue.msg}`).join('; ')}`;
  }
  return error.message;
}

function failureMessage(error: Error, attempts: number, permanent: boolean): string {
  return permanent ? failureSummary(error) : `Failed after ${attempts} attempt(s): ${failureSummary(error)}`;
}
