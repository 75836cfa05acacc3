import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { BusMessage, EventBus } from '@app/core';
import type { AuthUser } from '@app/auth';

/** Who may see a bus message: the owner of what it is about, or an admin. */
export function entitled(user: AuthUser, message: BusMessage): boolean {
  return user.role === 'admin' || message.owner_id === user.id;
}

type Delivery = (message: BusMessage) => void;

/**
 * The one subscription of this api replica to the event bus, fanned out in-process to the
 * transports (Socket.IO, /ws, SSE). Every replica receives every event, so each delivers only to
 * its own connections and no event is delivered twice.
 */
@Injectable()
export class SubscriberRegistry implements OnModuleDestroy {
  private readonly deliveries = new Set<Delivery>();
  private readonly unsubscribe: () => void;

  constructor(bus: EventBus) {
    this.unsubscribe = bus.onMessage((message) => {
      for (const deliver of this.deliveries) deliver(message);
    });
  }

  add(deliver: Delivery): () => void {
    this.deliveries.add(deliver);
    return () => this.deliveries.delete(deliver);
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}
