import type { TaskEntity } from './entities/task.entity';

/** The public shape of a task (`GET /api/v1/tasks/{id}`), in the contract's field names. */
export interface TaskView {
  task_id: string;
  type: string;
  owner_id: string;
  status: TaskEntity['status'];
  progress: number;
  message: string | null;
  result: unknown;
  error: { code: string; message: string } | null;
  request_id: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
}

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
