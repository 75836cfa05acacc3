import type { TaskViewDto } from './dto/task-responses.dto';
import type { TaskEntity } from './entities/task.entity';

/** The public shape of a task, in the contract's field names. */
export type TaskView = TaskViewDto;

export function toTaskView(task: TaskEntity): TaskView {
  return {
    task_id: task.id,
    type: task.type,
    owner_id: task.ownerId,
    status: task.status,
    progress: task.progress,
    message: task.message,
    result: task.result ?? null,
    error: task.error,
    request_id: task.requestId,
    created_at: task.createdAt,
    started_at: task.startedAt,
    completed_at: task.completedAt,
  };
}
