import { Counter, Gauge, Histogram } from 'prom-client';

/*
 * Operational metrics of the platform, registered when this module loads in prom-client's default
 * registry (the one /metrics serves), so every name is listed from the first scrape on. The
 * dashboard and alert rules under deploy/observability/ are tested against these names.
 */

export const rateLimitRejections = new Counter({
  name: 'mcp_rate_limit_rejections_total',
  help: 'Requests and connections refused by a limit, by limit',
  labelNames: ['limit'],
});

export const realtimeConnections = new Gauge({
  name: 'mcp_realtime_connections',
  help: 'Open realtime connections on this api, by transport',
  labelNames: ['transport'],
});

export const realtimeEventsDelivered = new Counter({
  name: 'mcp_realtime_events_delivered_total',
  help: 'Events written to realtime clients, by transport and event type',
  labelNames: ['transport', 'event'],
});

export const jobAttempts = new Counter({
  name: 'mcp_job_attempts_total',
  help: 'Job runs (every attempt) on this worker, by queue, job name and outcome',
  labelNames: ['queue', 'job', 'outcome'],
});

export const jobFailures = new Counter({
  name: 'mcp_job_failures_total',
  help: 'Jobs that failed for good (no attempt left), by queue and job name',
  labelNames: ['queue', 'job'],
});

export const jobDuration = new Histogram({
  name: 'mcp_job_duration_seconds',
  help: 'Duration of one job attempt in seconds, by queue, job name and outcome',
  labelNames: ['queue', 'job', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
});

/** Gauge of queue depth by state, served by the worker (it reads the counts from Redis at scrape time). */
export const QUEUE_JOBS = 'mcp_queue_jobs';
