import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';
import { DeploymentMetricsStore } from '../metrics/deployment-metrics.store';

export const GATEWAY_REQUESTS_TOTAL = 'mcp_gateway_requests_total';
export const GATEWAY_REQUEST_DURATION = 'mcp_gateway_request_duration_seconds';

export type CallOutcome = 'success' | 'tool_error' | 'invalid_arguments' | 'rejected' | 'timeout' | 'upstream_error';

export const gatewayMetricProviders = [
  makeCounterProvider({
    name: GATEWAY_REQUESTS_TOTAL,
    help: 'Gateway tool calls (REST and MCP) by deployment slug, tool and outcome',
    labelNames: ['deployment', 'tool', 'outcome'],
  }),
  makeHistogramProvider({
    name: GATEWAY_REQUEST_DURATION,
    help: 'Gateway tool call duration in seconds, upstream included',
    labelNames: ['deployment', 'tool'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
];

/** Every gateway call counts: Prometheus series in this process, per-deployment counters in Redis. */
@Injectable()
export class GatewayMetrics {
  constructor(
    @InjectMetric(GATEWAY_REQUESTS_TOTAL) private readonly requests: Counter<string>,
    @InjectMetric(GATEWAY_REQUEST_DURATION) private readonly duration: Histogram<string>,
    private readonly store: DeploymentMetricsStore,
  ) {}

  record(deployment: { id: string; slug: string }, tool: string, outcome: CallOutcome, durationMs: number): void {
    this.requests.inc({ deployment: deployment.slug, tool, outcome });
    this.duration.observe({ deployment: deployment.slug, tool }, durationMs / 1000);
    this.store.record(deployment.id, durationMs, outcome === 'tool_error' || outcome === 'timeout' || outcome === 'upstream_error');
  }
}
