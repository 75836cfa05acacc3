/** Stored in Redis as key names: never rename a value (STYLE.md rule 2). */
export enum QueueName {
  Analysis = 'analysis',
  Knowledge = 'knowledge',
  Deployments = 'deployments',
  Github = 'github',
}

/** Every job name, keyed to the queue that carries it. */
export const JOB_QUEUE = {
  'analysis.feasibility': QueueName.Analysis,
  'analysis.improvements': QueueName.Analysis,
  'analysis.generate-config': QueueName.Analysis,
  'knowledge.embed-document': QueueName.Knowledge,
  'knowledge.reindex': QueueName.Knowledge,
  'deployments.start': QueueName.Deployments,
  'deployments.stop': QueueName.Deployments,
  'deployments.health-sweep': QueueName.Deployments,
  'deployments.flush-metrics': QueueName.Deployments,
  'github.sync': QueueName.Github,
} as const satisfies Record<string, QueueName>;

export type JobName = keyof typeof JOB_QUEUE;
