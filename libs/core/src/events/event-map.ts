import type { ValidationIssue } from '../errors/validation-issue';

/** Task states; `completed`, `failed` and `cancelled` are final. */
export type TaskStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface TaskUpdateEvent {
  type: 'task_update';
  task_id: string;
  status: TaskStatus;
  progress: number;
  message: string | null;
  result?: unknown;
  error?: { code: string; message: string; details?: ValidationIssue[] };
}

export interface DeploymentStatusEvent {
  type: 'deployment_status';
  deployment_id: string;
  status: string;
  health_status?: string;
  /** Why a deployment failed to start. */
  error?: string;
}

/**
 * Internal, never sent to clients: an account's role or state changed (deactivated, demoted,
 * password reset), so every api replica re-checks that user's open realtime connections at once.
 */
export interface AccountChangedEvent {
  type: 'account_changed';
  user_id: string;
}

/** One map from event name to payload, shared by the publisher and every transport (STYLE.md rule 8). */
export interface PlatformEvents {
  task_update: TaskUpdateEvent;
  deployment_status: DeploymentStatusEvent;
  account_changed: AccountChangedEvent;
}

export type PlatformEventName = keyof PlatformEvents;

/** What travels on the bus: the event plus who may see it (admins see everything). */
export interface BusMessage<N extends PlatformEventName = PlatformEventName> {
  id: string;
  owner_id: string;
  event: PlatformEvents[N];
}
