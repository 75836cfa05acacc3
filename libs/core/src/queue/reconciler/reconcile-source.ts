import type { JobPayloads } from '../job-payloads';
import type { JobName } from '../queue-names';

/** A job that must exist in its queue because a row says its work is not done. */
export type ExpectedJob = { [N in JobName]: { name: N; jobId: string; data: JobPayloads[N] } }[JobName];

/**
 * One kind of accepted work whose state lives in PostgreSQL (tasks, document embeddings; later
 * GitHub syncs and deployments): lists the jobs its unfinished rows need, for rows unchanged since
 * `staleBefore`, oldest first. The row must hold everything needed to rebuild the job's data.
 */
export interface ReconcileSource {
  readonly name: string;
  expectedJobs(staleBefore: Date, limit: number): Promise<ExpectedJob[]>;
}
