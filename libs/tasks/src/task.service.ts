import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
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
  RateLimited,
  rateLimitRejections,
  requestContext,
  toPage,
} from '@app/core';
import { canSee, type AuthUser } from '@app/auth';
import { TaskEntity } from './entities/task.entity';
import { announceFinalState } from './task-events';
import { toTaskView, TaskView } from './task.view';
import type { ListTasksQueryDto } from './dto/list-tasks-query.dto';

/** Jobs that are user-visible tasks carry the task envelope. */
type TaskJobName = { [N in JobName]: JobPayloads[N] extends JobEnvelope ? N : never }[JobName];
type Submission<N extends TaskJobName> = Omit<JobPayloads[N], 'task_id' | 'owner_id' | 'request_id'>;

/** Namespace the per-user and per-coalescing-key advisory locks (two-key form, apart from the migration lock). */
const UNFINISHED_LOCK_SPACE = 727_002;
const COALESCE_LOCK_SPACE = 727_003;
const UNFINISHED_RETRY_AFTER_S = 5;

export interface SubmitOptions {
  /**
   * Work the platform starts on its own (a webhook's sync) rather than the owner: it does not count
   * against the owner's unfinished-task limit, so a burst of deliveries is never refused.
   */
  system?: boolean;
  /** A pending task with the same key is returned instead of creating another (see TaskEntity.coalesceKey). */
  coalesceKey?: string;
}

@Injectable()
export class TaskService {
  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly jobs: JobProducer,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Writes the pending task, then enqueues its job; if the queue refuses the job (503) the task is
   * removed again. With a coalescing key, a task still waiting under that key is returned instead.
   */
  async submit<N extends TaskJobName>(name: N, owner: Pick<AuthUser, 'id'>, input: Submission<N>, options: SubmitOptions = {}): Promise<TaskEntity> {
    const requestId = requestContext.requestId() ?? null;
    const row = { type: name, ownerId: owner.id, requestId, status: 'pending' as const, input, coalesceKey: options.coalesceKey ?? null };
    const { task, joined } = await this.createOrJoin(owner, row, options);
    if (joined) return task;
    try {
      const payload = { ...input, task_id: task.id, owner_id: owner.id, request_id: requestId ?? undefined } as JobPayloads[N];
      await this.jobs.enqueue(name, payload, task.id);
    } catch (err) {
      await this.tasks.delete(task.id);
      throw err;
    }
    return task;
  }

  /**
   * Joining and creating happen under a lock on the coalescing key, so concurrent submissions with
   * one key make one task (the partial unique index on pending keys backs this up). Lock order is
   * always key, then owner, so the two locks cannot deadlock.
   */
  private async createOrJoin(owner: Pick<AuthUser, 'id'>, row: Partial<TaskEntity>, options: SubmitOptions): Promise<{ task: TaskEntity; joined: boolean }> {
    // Fast path without the lock: in a burst, almost every submission finds the waiting task.
    const waiting = row.coalesceKey ? await this.tasks.findOneBy({ coalesceKey: row.coalesceKey, status: 'pending' }) : null;
    if (waiting) return { task: waiting, joined: true };
    return this.tasks.manager.transaction(async (manager) => {
      if (row.coalesceKey) {
        await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COALESCE_LOCK_SPACE, row.coalesceKey]);
        const waiting = await manager.findOneBy(TaskEntity, { coalesceKey: row.coalesceKey, status: 'pending' });
        if (waiting) return { task: waiting, joined: true };
      }
      if (!options.system) await this.assertWithinLimit(manager, owner);
      return { task: await manager.save(manager.create(TaskEntity, row)), joined: false };
    });
  }

  /**
   * One account may hold a bounded number of unfinished tasks (429 beyond). The count and the insert
   * happen under a per-user transaction lock, so concurrent submissions cannot overshoot the limit.
   */
  private async assertWithinLimit(manager: EntityManager, owner: Pick<AuthUser, 'id'>): Promise<void> {
    const limit = this.config.maxUnfinishedTasksPerUser;
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [UNFINISHED_LOCK_SPACE, owner.id]);
    const unfinished = await manager.countBy(TaskEntity, { ownerId: owner.id, status: In(['pending', 'running']) });
    if (unfinished >= limit) {
      rateLimitRejections.inc({ limit: 'unfinished_tasks' });
      throw RateLimited(UNFINISHED_RETRY_AFTER_S, `Too many unfinished tasks (limit ${limit}); wait for some to finish`, { limit });
    }
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
    // Best effort: if Redis is away now, the job (when it runs) finds the task final and announces it.
    await announceFinalState(this.events, updated).catch(() => undefined);
    return toTaskView(updated);
  }
}
