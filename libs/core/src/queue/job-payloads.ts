import type { Job } from 'bull';
import type { JobName } from './queue-names';

/** Fields every job carries so a worker's log line leads back to the request that caused it. */
export interface JobEnvelope {
  task_id: string;
  request_id?: string;
  owner_id: string;
}

/** One payload type per job name; producers and processors share it. */
export interface JobPayloads {
  'analysis.feasibility': JobEnvelope & { config: Record<string, unknown> };
  'analysis.improvements': JobEnvelope & { tool_id: string };
  'analysis.generate-config': JobEnvelope & { requirements: Record<string, unknown> };
  'knowledge.embed-document': JobEnvelope & { document_id: string };
  'knowledge.reindex': JobEnvelope;
}

export type JobOf<N extends JobName> = Job<JobPayloads[N]>;
