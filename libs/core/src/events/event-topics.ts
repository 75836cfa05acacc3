import type { PlatformEventName, PlatformEvents } from './event-map';

export type PlatformEvent = PlatformEvents[PlatformEventName];

/**
 * What realtime clients subscribe to: a topic and the id of one of its subjects. Each topic names
 * the event that carries it and the field holding the id, which is also the field a client sends
 * (`{type: "subscribe", task_id}`, `{type: "subscribe", deployment_id}`).
 */
export const TOPICS = {
  task: { event: 'task_update', idField: 'task_id' },
  deployment: { event: 'deployment_status', idField: 'deployment_id' },
} as const satisfies Record<string, { event: PlatformEventName; idField: string }>;

export type Topic = keyof typeof TOPICS;

export interface Subject {
  topic: Topic;
  id: string;
}

/** The subject an event is about, or undefined for an event type this build does not know. */
export function subjectOf(event: PlatformEvent): Subject | undefined {
  switch (event.type) {
    case 'task_update':
      return { topic: 'task', id: event.task_id };
    case 'deployment_status':
      return { topic: 'deployment', id: event.deployment_id };
    case 'account_changed': // internal, never a subject clients subscribe to
    default:
      return undefined;
  }
}

/** `{task_id: id}` or `{deployment_id: id}`: how a subject is named on the wire. */
export function subjectFields(subject: Subject): Record<string, string> {
  return { [TOPICS[subject.topic].idField]: subject.id };
}
