import { vi } from 'vitest';
import type { Job } from 'bull';
import { DependencyUnavailableError, NotFound, type JobEnvelope } from '@app/core';
import { TaskNotRunnable, type TaskProgress } from './task-progress.service';
import { TaskRunner } from './task-runner';

/** The runner with TaskProgress mocked: what it records is what the task row would become. */
function newTestService({ runnable = true } = {}) {
  const progress = {
    start: vi.fn(async () => runnable),
    report: vi.fn(async () => undefined),
    complete: vi.fn(async () => undefined),
    fail: vi.fn(async () => undefined),
  };
  return { runner: new TaskRunner(progress as unknown as TaskProgress), progress };
}

function jobOf(attemptsMade: number, attempts = 3) {
  const data: JobEnvelope = { task_id: 'task-1', owner_id: 'user-1', request_id: 'req-1' };
  return { name: 'analysis.feasibility', data, attemptsMade, opts: { attempts }, discard: vi.fn() } as unknown as Job<JobEnvelope> & {
    discard: ReturnType<typeof vi.fn>;
  };
}

describe('TaskRunner retry rules', () => {
  it('completes the task with the work’s result, reporting progress on the way', async () => {
    const { runner, progress } = newTestService();
    await runner.run(jobOf(0), async (report) => {
      await report(50, 'half');
      return { score: 7 };
    });
    expect(progress.start).toHaveBeenCalledWith('task-1', 1);
    expect(progress.report).toHaveBeenCalledWith('task-1', 'user-1', 50, 'half');
    expect(progress.complete).toHaveBeenCalledWith('task-1', { score: 7 });
    expect(progress.fail).not.toHaveBeenCalled();
  });

  it('leaves a failed attempt to Bull’s retry while attempts remain (the task is not failed)', async () => {
    const { runner, progress } = newTestService();
    const job = jobOf(1, 3);
    await expect(runner.run(job, async () => Promise.reject(new Error('upstream timeout')))).rejects.toThrow('upstream timeout');
    expect(progress.fail).not.toHaveBeenCalled();
    expect(job.discard).not.toHaveBeenCalled();
  });

  it('fails the task on the last attempt, saying how many were made', async () => {
    const { runner, progress } = newTestService();
    await expect(runner.run(jobOf(2, 3), async () => Promise.reject(new Error('upstream timeout')))).rejects.toThrow();
    expect(progress.fail).toHaveBeenCalledWith('task-1', 'TASK_FAILED', 'Failed after 3 attempt(s): upstream timeout', undefined);
  });

  it('fails at once on a domain 4xx and stops Bull from retrying', async () => {
    const { runner, progress } = newTestService();
    const job = jobOf(0, 3);
    await expect(runner.run(job, async () => Promise.reject(NotFound('mcp_tool', 'gone')))).rejects.toMatchObject({ status: 404 });
    expect(progress.fail).toHaveBeenCalledWith('task-1', 'NOT_FOUND', 'MCP tool not found', undefined);
    expect(job.discard).toHaveBeenCalled();
  });

  it('does no work for a task that is cancelled or already final', async () => {
    const { runner, progress } = newTestService({ runnable: false });
    const work = vi.fn();
    await runner.run(jobOf(0), work);
    expect(work).not.toHaveBeenCalled();
    expect(progress.complete).not.toHaveBeenCalled();
  });

  it('stops quietly when the task is cancelled while it runs', async () => {
    const { runner, progress } = newTestService();
    await expect(runner.run(jobOf(0), async () => Promise.reject(new TaskNotRunnable()))).resolves.toBeUndefined();
    expect(progress.fail).not.toHaveBeenCalled();
  });

  it('waits out a database outage while storing the result instead of spending an attempt', async () => {
    const { runner, progress } = newTestService();
    const outage = new DependencyUnavailableError('postgres', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    progress.complete.mockRejectedValueOnce(outage).mockRejectedValueOnce(outage);
    const work = vi.fn(async () => ({ score: 1 }));
    await runner.run(jobOf(0), work);
    expect(work).toHaveBeenCalledTimes(1);
    expect(progress.complete).toHaveBeenCalledTimes(3);
    expect(progress.fail).not.toHaveBeenCalled();
  });
});
