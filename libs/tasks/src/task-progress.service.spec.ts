import { afterEach, beforeEach, vi } from 'vitest';
import type { Repository } from 'typeorm';
import type { EventBus } from '@app/core';
import type { TaskEntity } from './entities/task.entity';
import { PROGRESS_WRITE_INTERVAL_MS, TaskProgress } from './task-progress.service';

/**
 * TaskProgress over an in-memory task row: the repository's conditional UPDATE … RETURNING is
 * played against `row`, so what a `GET /tasks/{id}` would read is `row` itself.
 */
function newTestService() {
  const row: Record<string, unknown> = { id: 't1', owner_id: 'u1', status: 'pending', progress: 0, message: null };
  const published: { progress?: number; status: string }[] = [];
  const update = (changes: Record<string, unknown>, from: string[]) => ({
    where: () => ({
      returning: () => ({
        execute: async () => {
          if (!from.includes(row.status as string)) return { raw: [] };
          for (const [key, value] of Object.entries(changes)) if (typeof value !== 'function') row[key] = value;
          return { raw: [{ ...row }] };
        },
      }),
    }),
  });
  let lastFrom: string[] = [];
  const repository = {
    metadata: { columns: ['id', 'ownerId:owner_id', 'status', 'progress', 'message'].map((c) => ({ propertyName: c.split(':')[0], databaseName: c.split(':')[1] ?? c })) },
    create: () => ({}),
    findOneBy: async () => ({ ...row, ownerId: row.owner_id }),
    createQueryBuilder: () => ({
      update: () => ({
        set: (changes: Record<string, unknown>) => ({
          where: (where: { status: { _value: string[] } }) => {
            lastFrom = where.status._value;
            return update(changes, lastFrom).where();
          },
        }),
      }),
    }),
  } as unknown as Repository<TaskEntity>;
  const record = async (_owner: string, event: { progress?: number; status: string }) => void published.push(event);
  const bus = { publish: vi.fn(record), publishOnce: vi.fn((_key: string, owner: string, event: { status: string }) => record(owner, event)) } as unknown as EventBus;
  return { progress: new TaskProgress(repository, bus), row, published };
}

describe('TaskProgress: the row keeps up with the published progress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes a report that came too soon once the interval ends, so the row agrees with the last event', async () => {
    const { progress, row, published } = newTestService();
    await progress.start('t1', 1);
    await progress.report('t1', 'u1', 45, 'Analyzing configuration...');
    await progress.report('t1', 'u1', 90, 'Scoring');
    expect(published.at(-1)).toMatchObject({ progress: 90 });
    expect(row.progress).toBe(0);
    await vi.advanceTimersByTimeAsync(PROGRESS_WRITE_INTERVAL_MS);
    expect(row).toMatchObject({ progress: 90, message: 'Scoring', status: 'running' });
  });

  it('does not write stale progress over a task that finished meanwhile', async () => {
    const { progress, row, published } = newTestService();
    await progress.start('t1', 1);
    await progress.report('t1', 'u1', 60, 'Working');
    await progress.complete('t1', { ok: true });
    await vi.advanceTimersByTimeAsync(PROGRESS_WRITE_INTERVAL_MS * 2);
    expect(row).toMatchObject({ status: 'completed', progress: 100 });
    expect(published.at(-1)).toMatchObject({ status: 'completed', progress: 100 });
  });
});
