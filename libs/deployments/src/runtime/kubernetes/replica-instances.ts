import type { DeploymentInstanceView } from '../deployment-runtime';

/**
 * The replicas of a Kubernetes Deployment as instances. The platform's Role reaches Deployments and
 * Services only, not pods, so instances are the Deployment's replica slots (`mcp-…/0`, `/1`, …):
 * the first `available` are running, the rest starting; a slot keeps its started_at while it stays
 * running. Pod restarts are not visible at this level and count as 0.
 */
export function replicaInstances(name: string, replicas: number, available: number, previous: DeploymentInstanceView[], now: Date): DeploymentInstanceView[] {
  return Array.from({ length: replicas }, (_, i) => {
    const id = `${name}/${i}`;
    const running = i < available;
    const before = previous.find((p) => p.id === id && p.status === 'running');
    return { id, runtime: 'kubernetes', status: running ? 'running' : 'starting', restarts: 0, started_at: running ? (before?.started_at ?? now.toISOString()) : null };
  });
}
