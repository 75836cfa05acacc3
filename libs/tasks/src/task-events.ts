import type { TaskUpdateEvent } from '@app/core/events/event-map';
import type { TaskEntity } from './entities/task.entity';

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
