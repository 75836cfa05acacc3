import { JOB_QUEUE, type JobName, QueueName } from '@app/core';

interface Coverage {
  readonly queue: QueueName;
  readonly handlers: Partial<Record<JobName, unknown>>;
}

/**
 * Why the worker must not start (STYLE.md rule 2): a queue with no consumer or more than one, or a
 * job name whose queue's consumer has no handler for it. Empty when every job of every queue is handled.
 */
export function uncoveredJobs(consumers: readonly Coverage[]): string[] {
  const problems: string[] = [];
  for (const queue of Object.values(QueueName)) {
    const owners = consumers.filter((c) => c.queue === queue);
    if (owners.length !== 1) {
      problems.push(`queue "${queue}" has ${owners.length} processors (expected 1)`);
      continue;
    }
    const missing = (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => JOB_QUEUE[name] === queue && !(name in owners[0].handlers));
    if (missing.length > 0) problems.push(`no handler for job(s) ${missing.join(', ')} on queue "${queue}"`);
  }
  return problems;
}
