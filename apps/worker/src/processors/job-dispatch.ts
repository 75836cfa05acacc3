import type { JobName, JobOf } from '@app/core';

export type Handlers<N extends JobName, C = unknown> = { [K in N]: (job: JobOf<K>, ctx: C) => Promise<unknown> };

export function dispatch<N extends JobName, C>(handlers: Handlers<N, C>, job: JobOf<N>, ctx: C): Promise<unknown> {
  const handler = handlers[job.name as N] as ((job: JobOf<N>, ctx: C) => Promise<unknown>) | undefined;
  if (!handler) throw new Error(`No handler for job "${job.name}"`);
  return handler(job, ctx);
}
