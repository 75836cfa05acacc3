import { ToolSnapshots } from '@app/mcp';
import type { DeploymentEntity } from '../entities/deployment.entity';
import type { RuntimeDeployment } from '../runtime/deployment-runtime';

/** The runtime's view of a deployment: its pinned tool version's config, read when needed. */
export async function runtimeDeployment(d: DeploymentEntity, snapshots: ToolSnapshots): Promise<RuntimeDeployment> {
  return {
    id: d.id,
    slug: d.slug,
    toolConfig: await snapshots.versionConfigWithSecrets(d.toolId, d.toolVersion),
    replicas: d.replicas,
    resources: { cpu: d.cpu, memory: d.memory },
    timeoutMs: d.timeoutMs ?? undefined,
  };
}
