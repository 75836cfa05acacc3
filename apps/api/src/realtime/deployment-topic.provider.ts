import { Injectable } from '@nestjs/common';
import type { DeploymentStatusEvent } from '@app/core';
import type { AuthUser } from '@app/auth';
import { DeploymentsService } from '@app/deployments';
import type { TopicProvider } from './topic-provider';

/** Deployments: visible to their owner and admins; the snapshot is the current `deployment_status`. */
@Injectable()
export class DeploymentTopicProvider implements TopicProvider {
  readonly topic = 'deployment';

  constructor(private readonly deployments: DeploymentsService) {}

  snapshot(user: AuthUser, deploymentId: string): Promise<DeploymentStatusEvent> {
    return this.deployments.statusEvent(user, deploymentId);
  }
}
