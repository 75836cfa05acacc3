import { replicaInstances } from './replica-instances';

describe('replicaInstances', () => {
  it('marks the available slots running and keeps when each started', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const first = replicaInstances('mcp-x', 2, 1, [], t0);
    expect(first).toEqual([
      { id: 'mcp-x/0', runtime: 'kubernetes', status: 'running', restarts: 0, started_at: t0.toISOString() },
      { id: 'mcp-x/1', runtime: 'kubernetes', status: 'starting', restarts: 0, started_at: null },
    ]);
    const t1 = new Date('2026-01-01T00:01:00Z');
    expect(replicaInstances('mcp-x', 2, 2, first, t1).map((i) => i.started_at)).toEqual([t0.toISOString(), t1.toISOString()]);
  });
});
