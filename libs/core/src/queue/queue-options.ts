import { QueueName } from './queue-names';

export interface QueueTuning {
  concurrency: number;
  attempts: number;
  backoffMs: number;
  lockDurationMs: number;
  keepCompleted: number;
  keepFailed: number;
}

const DEFAULTS: Record<QueueName, QueueTuning> = {
  [QueueName.Analysis]: { concurrency: 4, attempts: 3, backoffMs: 1000, lockDurationMs: 10_000, keepCompleted: 1000, keepFailed: 5000 },
  [QueueName.Knowledge]: { concurrency: 2, attempts: 3, backoffMs: 2000, lockDurationMs: 10_000, keepCompleted: 1000, keepFailed: 5000 },
  [QueueName.Deployments]: { concurrency: 8, attempts: 3, backoffMs: 1000, lockDurationMs: 60_000, keepCompleted: 100, keepFailed: 1000 },
  // A sync may wait out GitHub's rate limit inside its attempt, hence the long lock.
  [QueueName.Github]: { concurrency: 4, attempts: 3, backoffMs: 5000, lockDurationMs: 120_000, keepCompleted: 1000, keepFailed: 5000 },
};

const ENV_FIELDS: Record<string, keyof QueueTuning> = {
  CONCURRENCY: 'concurrency',
  ATTEMPTS: 'attempts',
  BACKOFF_MS: 'backoffMs',
  LOCK_MS: 'lockDurationMs',
};

/**
 * Per-queue tuning in one typed object; `QUEUE_<NAME>_<FIELD>` (e.g. QUEUE_ANALYSIS_CONCURRENCY=8)
 * overrides a field. A bad value stops the process naming the variable.
 */
export function queueTuning(env: NodeJS.ProcessEnv): Record<QueueName, QueueTuning> {
  const result = structuredClone(DEFAULTS);
  for (const queue of Object.values(QueueName)) {
    for (const [suffix, field] of Object.entries(ENV_FIELDS)) {
      const name = `QUEUE_${queue.toUpperCase()}_${suffix}`;
      const raw = env[name];
      if (raw === undefined) continue;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < (field === 'backoffMs' ? 0 : 1)) {
        throw new Error(`Invalid configuration: ${name} must be a positive integer`);
      }
      result[queue][field] = value;
    }
  }
  return result;
}
