import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { createRedis } from '../redis/create-redis';
import { REDIS } from '../redis/redis.module';
import type { BusMessage, PlatformEventName, PlatformEvents } from './event-map';

type Listener = (message: BusMessage) => void;

/**
 * Redis pub/sub between processes: workers publish, every api replica receives every event and
 * its transports decide who may see it. The subscriber connection opens on first subscription,
 * so processes that only publish (workers) hold one connection.
 */
@Injectable()
export class EventBus implements OnApplicationShutdown {
  private readonly logger = new Logger(EventBus.name);
  private readonly listeners = new Set<Listener>();
  private subscriber?: Redis;
  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.channel = `${config.queuePrefix}:events`;
  }

  async publish<N extends PlatformEventName>(ownerId: string, event: PlatformEvents[N]): Promise<void> {
    const message: BusMessage<N> = { id: randomUUID(), owner_id: ownerId, event };
    await this.redis.publish(this.channel, JSON.stringify(message));
  }

  onMessage(listener: Listener): () => void {
    this.ensureSubscribed();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ensureSubscribed(): void {
    if (this.subscriber) return;
    this.subscriber = createRedis(this.config.redisUrl, 'events', { maxRetriesPerRequest: null });
    void this.subscriber.subscribe(this.channel).catch((err: Error) => this.logger.warn(`subscribe failed: ${err.message}`));
    this.subscriber.on('message', (_channel: string, raw: string) => {
      let message: BusMessage;
      try {
        message = JSON.parse(raw) as BusMessage;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(message);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
