import { randomUUID } from 'node:crypto';
import type { BusMessage, PlatformEvent, Subject } from '@app/core';
import type { AuthUser, Credentials } from '@app/auth';

/** Why the server ends a connection: its credentials no longer hold, or the api is stopping. */
export type EndReason = 'unauthorized' | 'shutdown';

/** What a transport (Socket.IO, /ws, SSE) gives the subscriptions service: a way to write and to hang up. */
export interface Transport {
  readonly kind: 'socket.io' | 'ws' | 'sse';
  send(event: PlatformEvent, message: BusMessage): void;
  end(reason: EndReason): void;
}

export const subjectKey = (subject: Subject) => `${subject.topic}:${subject.id}`;

/** One open realtime connection: who it acts as, with which credentials, and what it listens to. */
export class RealtimeSession {
  readonly id = randomUUID();
  /** Subscribed subjects (by `subjectKey`), with how many live events each received since subscribing. */
  readonly subscriptions = new Map<string, number>();
  /**
   * The snapshot sent on subscribing, until the subject's first live event: a state change committed
   * just before the read but published just after it would otherwise be sent twice.
   */
  readonly snapshots = new Map<string, PlatformEvent>();
  expiryTimer?: NodeJS.Timeout;
  closed = false;

  constructor(
    public user: AuthUser,
    readonly credentials: Credentials,
    readonly transport: Transport,
    /** Receives every event the user is entitled to, without subscribing (SSE). */
    readonly everything: boolean,
  ) {}
}
