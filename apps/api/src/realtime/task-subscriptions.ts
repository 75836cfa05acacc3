import { Injectable } from '@nestjs/common';
import type { TaskUpdateEvent } from '@app/core';
import type { AuthUser } from '@app/auth';
import { TaskService, taskUpdateOf } from '@app/tasks';

/**
 * Subscribing checks that the caller may see the task and answers with its current state, so a
 * client that subscribes after the task finished still receives the final `task_update`.
 */
@Injectable()
export class TaskSubscriptions {
  constructor(private readonly tasks: TaskService) {}

  async snapshot(user: AuthUser, taskId: unknown): Promise<TaskUpdateEvent> {
    const task = await this.tasks.findVisible(String(taskId), user);
    return taskUpdateOf(task);
  }
}
