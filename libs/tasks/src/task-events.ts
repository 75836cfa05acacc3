import type { EventBus, TaskStatus, TaskUpdateEvent } from '@app/core';
import type { TaskEntity } from './entities/task.entity';

const FINAL_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

export const isFinalStatus = (status: TaskStatus): boolean => FINAL_STATUSES.includes(status);

/** The `task_update` event for a task's current state; `result` only once it is completed. */
export function taskUpdateOf(task: TaskEntity): TaskUpdateEvent {
  return {
    type: 'task_update',
    task_id: task.id,
    status: task.status,
    progress: task.progress,
    message: task.message,
    ...(task.status === 'completed' ? { result: task.result } : {}),
    ...(task.error ? { error: task.error } : {}),
  };
}

/**
 * Announces a task's final state exactly once on the bus, however many jobs (a retried job, a
 * crashed worker's job run again) announce it; throws when Redis is unavailable so the caller
 * can retry instead of leaving subscribers waiting.
 */
export async function announceFinalState(events: EventBus, task: TaskEntity): Promise<void> {
  await events.publishOnce(`task:${task.id}:final`, task.ownerId, taskUpdateOf(task));
}
