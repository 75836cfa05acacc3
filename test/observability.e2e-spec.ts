import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { http } from './support/http';
import { Platform } from './support/platform';
import { completedUpdate, WsClient } from './support/realtime';
import { ROOT } from './support/service-process';

/** Metric names a PromQL expression reads: quoted label values removed, then the platform's prefixes. */
function metricsIn(expr: string): string[] {
  const names = expr.replace(/"[^"]*"/g, '').match(/\b(?:http|mcp|process|nodejs|llm)_[a-z0-9_]+|\bup\b/g) ?? [];
  return [...new Set(names.map((name) => name.replace(/_(bucket|sum|count)$/, '')))];
}

/** Every metric family a /metrics page declares (`# TYPE name kind`). */
const served = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
/** Prometheus itself makes `up` for every scrape target. */
const FROM_PROMETHEUS = new Set(['up']);

describe('operational metrics, dashboard and alert rules', () => {
  const platform = new Platform({ workers: 1, env: { RATE_LIMIT_DEFAULT_PER_MINUTE: '40' } });
  let dev: Account;
  let apiMetrics: string;
  let workerMetrics: string;

  beforeAll(async () => {
    await platform.start();
    const url = platform.api.url;
    dev = await registerAndLogin(url);
    const ws = await WsClient.connect(url, dev.token);
    for (let i = 0; i < 3; i++) {
      const { body } = await http(url, 'POST', '/api/v1/analyze/feasibility', { token: dev.token, json: CONTRACT.feasibility });
      ws.send({ type: 'subscribe', task_id: body.task_id });
      await ws.next(completedUpdate(body.task_id));
    }
    // Past the per-principal limit: the rejections are counted.
    await Promise.all(Array.from({ length: 45 }, () => http(url, 'GET', '/api/v1/tasks', { token: dev.token })));
    apiMetrics = (await http(url, 'GET', '/metrics')).text;
    workerMetrics = (await http(platform.workers[0].url, 'GET', '/metrics')).text;
    ws.close();
  }, 120_000);
  afterAll(() => platform.stop());

  it('counts jobs per queue and job name on the worker, with queue depth by state', () => {
    expect(workerMetrics).toMatch(/^mcp_job_attempts_total\{queue="analysis",job="analysis.feasibility",outcome="completed"\} 3$/m);
    expect(workerMetrics).toMatch(/^mcp_job_duration_seconds_count\{queue="analysis",job="analysis.feasibility",outcome="completed"\} 3$/m);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(workerMetrics).toMatch(new RegExp(`^mcp_queue_jobs\\{queue="analysis",state="${state}"\\} \\d+$`, 'm'));
    }
  });

  it('shows open realtime connections, delivered events and rate-limit rejections on the api', () => {
    expect(apiMetrics).toMatch(/^mcp_realtime_connections\{transport="ws"\} [01]$/m);
    expect(apiMetrics).toMatch(/^mcp_realtime_events_delivered_total\{transport="ws",event="task_update"\} ([3-9]|\d{2,})$/m);
    expect(apiMetrics).toMatch(/^mcp_rate_limit_rejections_total\{limit="requests"\} [1-9]\d*$/m);
  });

  it('references only metrics the processes serve, in the Grafana dashboard and the alert rules', () => {
    const names = new Set([...served(apiMetrics), ...served(workerMetrics), ...FROM_PROMETHEUS]);
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/observability/grafana-dashboard.json'), 'utf8'));
    const panelExprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr));
    const rules = readFileSync(join(ROOT, 'deploy/observability/prometheus-alerts.yml'), 'utf8');
    const ruleExprs = [...rules.matchAll(/^\s+expr: (.+)$/gm)].map((m) => m[1]);
    expect(panelExprs.length).toBeGreaterThanOrEqual(10);
    expect(ruleExprs.length).toBeGreaterThanOrEqual(6);
    const referenced = [...panelExprs, ...ruleExprs].flatMap(metricsIn);
    expect(referenced).toEqual(expect.arrayContaining(['mcp_queue_jobs', 'mcp_job_attempts_total', 'mcp_realtime_connections']));
    expect(referenced.filter((name) => !names.has(name))).toEqual([]);
  });
});
