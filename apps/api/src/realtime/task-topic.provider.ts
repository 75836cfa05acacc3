import { Injectable } from '@nestjs/common';
import type { TaskUpdateEvent } from '@app/core';
import type { AuthUser } from '@app/auth';
import { TaskService, taskUpdateOf } from '@app/tasks';
import type { TopicProvider } from './topic-provider';

/** Tasks: visible to their owner and admins; the snapshot is the task's current `task_update`. */
@Injectable()
export class TaskTopicProvider implements TopicProvider {
  readonly topic = 'task';

  constructor(private readonly tasks: TaskService) {}

  async snapshot(user: AuthUser, taskId: string): Promise<TaskUpdateEvent> {
    return taskUpdateOf(await this.tasks.findVisible(taskId, user));
  }
}
