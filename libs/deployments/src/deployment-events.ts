import { Injectable } from '@nestjs/common';
import { type DeploymentStatusEvent, EventBus } from '@app/core';
import type { DeploymentEntity } from './entities/deployment.entity';

type LocalListener = (deploymentId: string) => void;

/** A deployment's state as the `deployment_status` event carries it (live, and as a subscribe snapshot). */
export function deploymentStatusOf(d: Pick<DeploymentEntity, 'id' | 'status' | 'healthStatus' | 'error'>): DeploymentStatusEvent {
  return {
    type: 'deployment_status',
    deployment_id: d.id,
    status: d.status,
    health_status: d.healthStatus,
    ...(d.error ? { error: d.error } : {}),
  };
}

/**
 * Publishes `deployment_status` to the owner (and admins) on every transport, through the bus.
 * Listeners in this process hear it first, synchronously, so the replica that stopped a
 * deployment never serves it again even before the bus message comes back.
 */
@Injectable()
export class DeploymentEvents {
  private readonly local = new Set<LocalListener>();

  constructor(private readonly bus: EventBus) {}

  onLocal(listener: LocalListener): () => void {
    this.local.add(listener);
    return () => this.local.delete(listener);
  }

  async publish(d: Pick<DeploymentEntity, 'id' | 'ownerId' | 'status' | 'healthStatus' | 'error'>): Promise<void> {
    for (const listener of this.local) listener(d.id);
    await this.bus.publish(d.ownerId, deploymentStatusOf(d));
  }
}
