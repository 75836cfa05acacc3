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
  /** `masked_secret_paths`: where the submitted config held literal secrets (masked in `config`). */
  'analysis.feasibility': JobEnvelope & { config: Record<string, unknown>; masked_secret_paths?: string[] };
  'analysis.improvements': JobEnvelope & { tool_id: string };
  'analysis.generate-config': JobEnvelope & { requirements: Record<string, unknown> };
  /** Not a user-visible task: the document's embedding_status is its state; job id = embedding id. */
  'knowledge.embed-document': { document_id: string; embedding_id: string; request_id?: string };
  'knowledge.reindex': JobEnvelope;
  /** The deployment row is the state; the job only says which one to (re)start. */
  'deployments.start': { deployment_id: string; request_id?: string };
  'deployments.stop': { deployment_id: string; runtime: string; request_id?: string };
  /** Repeatable, one per interval across workers. */
  'deployments.health-sweep': Record<string, never>;
  'deployments.flush-metrics': Record<string, never>;
  /** Reads the connection's manifest at the branch head; `delivery_id` when a push webhook started it. */
  'github.sync': JobEnvelope & { connection_id: string; delivery_id?: string };
}

export type JobOf<N extends JobName> = Job<JobPayloads[N]>;
