import type { PlatformEvent, Topic } from '@app/core';
import type { AuthUser } from '@app/auth';

/**
 * What a topic adds to realtime: whether a user may subscribe to one of its subjects, and the
 * subject's current state, sent on subscribe so a client never misses a state reached before it
 * listened. `snapshot` throws NotFound for subjects the user may not see (the same answer as REST).
 * A topic without a provider accepts any subscription and delivers only events whose bus owner is
 * the user (or to admins).
 */
export interface TopicProvider {
  readonly topic: Topic;
  snapshot(user: AuthUser, id: string): Promise<PlatformEvent | undefined>;
}

/** Every TopicProvider of the api; register one by listing it in RealtimeModule's `topicProviders`. */
export const TOPIC_PROVIDERS = Symbol('TOPIC_PROVIDERS');
