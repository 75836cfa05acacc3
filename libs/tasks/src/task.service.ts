import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import {
  Conflict,
  EventBus,
  isUuid,
  JobEnvelope,
  JobName,
  JobPayloads,
  JobProducer,
  NotFound,
  Page,
  pageOffset,
  requestContext,
  toPage,
} from '@app/core';
import { canSee, type AuthUser } from '@app/auth';
import { TaskEntity } from './entities/task.entity';
import { taskUpdateOf } from './task-events';
import { toTaskView, TaskView } from './task.view';
import type { ListTasksQueryDto } from './dto/list-tasks-query.dto';

/** Jobs that are user-visible tasks carry the task envelope. */
type TaskJobName = { [N in JobName]: JobPayloads[N] extends JobEnvelope ? N : never }[JobName];
type Submission<N extends TaskJobName> = Omit<JobPayloads[N], 'task_id' | 'owner_id' | 'request_id'>;

@Injectable()
export class TaskService {
  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly jobs: JobProducer,
    private readonly events: EventBus,
  ) {}

  /** Writes the pending task, then enqueues its job; if the queue refuses the job (503) the task is removed again. */
  async submit<N extends TaskJobName>(name: N, owner: AuthUser, input: Submission<N>): Promise<TaskEntity> {
    const requestId = requestContext.requestId() ?? null;
    const task = await this.tasks.save(this.tasks.create({ type: name, ownerId: owner.id, requestId, status: 'pending' }));
    try {
      const payload = { ...input, task_id: task.id, owner_id: owner.id, request_id: requestId ?? undefined } as JobPayloads[N];
      await this.jobs.enqueue(name, payload, task.id);
    } catch (err) {
      await this.tasks.delete(task.id);
      throw err;
    }
    return task;
  }

  /** Owners and admins see a task; for anyone else it does not exist. */
  async findVisible(id: string, user: AuthUser): Promise<TaskEntity> {
    const task = isUuid(id) ? await this.tasks.findOneBy({ id }) : null;
    if (!task || !canSee(user, task.ownerId)) throw NotFound('task', id);
    return task;
  }

  async get(id: string, user: AuthUser): Promise<TaskView> {
    return toTaskView(await this.findVisible(id, user));
  }

  async list(user: AuthUser, query: ListTasksQueryDto): Promise<Page<TaskView>> {
    // Someone else's tasks are invisible to a non-admin: an empty page, as if that user had none.
    if (user.role !== 'admin' && query.owner_id && query.owner_id !== user.id) return toPage([], 0, query);
    const [rows, total] = await this.tasks.findAndCount({
      where: { ...this.ownerScope(user, query.owner_id), ...(query.status ? { status: query.status } : {}), ...(query.type ? { type: query.type } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: pageOffset(query),
      take: query.page_size,
    });
    return toPage(rows.map(toTaskView), total, query);
  }

  /** Admins list everyone's tasks (optionally one owner's); everyone else lists only their own. */
  private ownerScope(user: AuthUser, ownerId?: string): { ownerId?: string } {
    return user.role === 'admin' ? (ownerId ? { ownerId } : {}) : { ownerId: user.id };
  }

  /** Only a pending or running task can be cancelled; a running job notices at its next progress report. */
  async cancel(id: string, user: AuthUser): Promise<TaskView> {
    const task = await this.findVisible(id, user);
    const result = await this.tasks
      .createQueryBuilder()
      .update()
      .set({ status: 'cancelled', message: 'Cancelled by user', completedAt: () => 'now()' })
      .where({ id, status: In(['pending', 'running']) })
      .execute();
    if (!result.affected) throw Conflict(`Task is already ${task.status}`, { status: task.status });
    const updated = await this.tasks.findOneByOrFail({ id });
    await this.jobs.removeIfWaiting(task.type as JobName, id);
    await this.events.publish(updated.ownerId, taskUpdateOf(updated)).catch(() => undefined);
    return toTaskView(updated);
  }
}
