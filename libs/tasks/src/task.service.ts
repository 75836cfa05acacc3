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
  ServiceUnavailable,
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

/** Namespace the per-user advisory lock (two-key form, apart from the migration lock). */
const UNFINISHED_LOCK_SPACE = 727_002;
/** Join-or-create rounds before giving up; a second round is already rare (the waiting task started in between). */
const MAX_JOIN_ROUNDS = 5;
const UNFINISHED_RETRY_AFTER_S = 5;

/** The columns a submission sets; the rest take their defaults. */
type NewTask = Pick<TaskEntity, 'type' | 'ownerId' | 'requestId' | 'status' | 'input' | 'coalesceKey'>;

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
    const row: NewTask = { type: name, ownerId: owner.id, requestId, status: 'pending', input, coalesceKey: options.coalesceKey ?? null };
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
   * Join the task still waiting under the coalescing key, or create one. Creation is one
   * `INSERT ... ON CONFLICT DO NOTHING` against the partial unique index on pending keys: no lock,
   * so a burst of webhook deliveries never queues behind one. When the insert loses a race, the
   * winner's task is joined; when that one has just started running, the next round creates anew.
   */
  private async createOrJoin(owner: Pick<AuthUser, 'id'>, row: NewTask, options: SubmitOptions): Promise<{ task: TaskEntity; joined: boolean }> {
    for (let round = 0; round < MAX_JOIN_ROUNDS; round++) {
      // In a burst, almost every submission finds the waiting task with this one read.
      const waiting = row.coalesceKey ? await this.tasks.findOneBy({ coalesceKey: row.coalesceKey, status: 'pending' }) : null;
      if (waiting) return { task: waiting, joined: true };
      const created = options.system
        ? await this.insertUnlessWaiting(this.tasks.manager, row)
        : await this.tasks.manager.transaction(async (manager) => {
            await this.assertWithinLimit(manager, owner);
            return this.insertUnlessWaiting(manager, row);
          });
      if (created) return { task: created, joined: false };
    }
    throw ServiceUnavailable('Could not queue the task: its coalescing key kept changing hands; please retry');
  }

  /** The new task, or undefined when a task with the same coalescing key is already waiting. */
  private async insertUnlessWaiting(manager: EntityManager, row: NewTask): Promise<TaskEntity | undefined> {
    // ON CONFLICT without a target covers the partial unique index on pending coalescing keys.
    const inserted = (await manager.query(
      `INSERT INTO tasks (type, owner_id, request_id, status, input, coalesce_key) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [row.type, row.ownerId, row.requestId, row.status, JSON.stringify(row.input), row.coalesceKey],
    )) as Array<{ id: string }>;
    const [created] = inserted;
    return created ? manager.findOneByOrFail(TaskEntity, { id: created.id }) : undefined;
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
