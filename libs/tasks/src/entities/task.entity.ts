import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@app/auth';
import type { TaskStatus, ValidationIssue } from '@app/core';

/** Why a task failed; `details` are the `{loc, msg, type}` entries when its input failed validation. */
export interface TaskError {
  code: string;
  message: string;
  details?: ValidationIssue[];
}

@Entity('tasks')
@Check('tasks_status_check', `status IN ('pending', 'running', 'completed', 'failed', 'cancelled')`)
@Check('tasks_progress_check', 'progress BETWEEN 0 AND 100')
@Index('idx_tasks_owner_created', ['ownerId', 'createdAt'])
// The reconciler's scan: only unfinished tasks, so the index stays small however many tasks finished.
@Index('idx_tasks_unfinished_updated', ['updatedAt'], { where: `status IN ('pending', 'running')` })
// At most one pending task per coalescing key: work asked for again before it started joins the waiting task.
@Index('idx_tasks_pending_coalesce_key', ['coalesceKey'], { unique: true, where: `status = 'pending' AND coalesce_key IS NOT NULL` })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: TaskStatus;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Column({ type: 'jsonb', nullable: true })
  error: TaskError | null;

  /** What the job needs besides the envelope, so a lost job can be rebuilt from the row. */
  @Column({ type: 'jsonb', default: {} })
  input: Record<string, unknown>;

  @Column({ type: 'uuid' })
  ownerId: string;

  /** Names work that is the same whoever asks again before it starts (e.g. a sync of one connection). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  coalesceKey: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'tasks_owner_id_fkey' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ type: 'smallint', default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
