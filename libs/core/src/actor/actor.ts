/**
 * Who a write is made by. Domain services take an Actor instead of a request principal, so work
 * without a request (a GitHub sync in the worker) writes through the same methods. Authorization
 * happens before: in a guard or policy for requests, in the job that was authorized when queued.
 */
export interface Actor {
  /** The user the write is made by or on behalf of; null when the platform acts on its own. */
  readonly userId: string | null;
  /** `user` for a person's request; otherwise the part of the platform acting, e.g. `github-sync`. */
  readonly label: string;
}

/** An actor with a user behind it: needed to create what a user owns. */
export type UserBackedActor = Actor & { readonly userId: string };

export const USER_ACTOR_LABEL = 'user';

export function userActor(userId: string): UserBackedActor {
  return { userId, label: USER_ACTOR_LABEL };
}

export function systemActor(label: string, onBehalfOf: string): UserBackedActor;
export function systemActor(label: string, onBehalfOf?: null): Actor;
export function systemActor(label: string, onBehalfOf: string | null = null): Actor {
  if (label === USER_ACTOR_LABEL) throw new Error(`"${USER_ACTOR_LABEL}" is reserved for requests made by a user`);
  return { userId: onBehalfOf, label };
}
