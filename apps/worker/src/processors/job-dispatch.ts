import { JOB_QUEUE, JobName, JobOf, QueueName } from '@app/core';

export type Handlers<N extends JobName, C = unknown> = { [K in N]: (job: JobOf<K>, ctx: C) => Promise<unknown> };

/** Startup fails when a job name of the queue has no handler (STYLE.md rule 2). */
export function assertHandlersCover(queue: QueueName, handlers: object): void {
  const missing = (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => JOB_QUEUE[name] === queue && !(name in handlers));
  if (missing.length > 0) throw new Error(`No processor for job(s) ${missing.join(', ')} on queue "${queue}"`);
}

export function dispatch<N extends JobName, C>(handlers: Handlers<N, C>, job: JobOf<N>, ctx: C): Promise<unknown> {
  const handler = handlers[job.name as N] as ((job: JobOf<N>, ctx: C) => Promise<unknown>) | undefined;
  if (!handler) throw new Error(`No handler for job "${job.name}"`);
  return handler(job, ctx);
}
