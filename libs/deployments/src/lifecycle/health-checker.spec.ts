import { DEGRADED_LATENCY_MS, nextHealth, UNHEALTHY_AFTER } from './health-checker.service';

describe('nextHealth', () => {
  it('is healthy after a fast success and degraded after a slow one, resetting the failure count', () => {
    expect(nextHealth(2, { ok: true, latencyMs: 5 })).toEqual({ health: 'healthy', failures: 0 });
    expect(nextHealth(2, { ok: true, latencyMs: DEGRADED_LATENCY_MS + 1 })).toEqual({ health: 'degraded', failures: 0 });
  });

  it('is degraded after a failure and unhealthy after three in a row', () => {
    expect(nextHealth(0, { ok: false, latencyMs: 1 })).toEqual({ health: 'degraded', failures: 1 });
    expect(nextHealth(UNHEALTHY_AFTER - 1, { ok: false, latencyMs: 1 })).toEqual({ health: 'unhealthy', failures: UNHEALTHY_AFTER });
  });
});
