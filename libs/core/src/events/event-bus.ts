import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DependencyUnavailableError } from '../errors/dependency-unavailable';
import { createRedis } from '../redis/create-redis';
import { REDIS } from '../redis/redis.module';
import type { BusMessage, PlatformEventName, PlatformEvents } from './event-map';

type Listener = (message: BusMessage) => void;

/** Marks and publishes in one atomic step: either both happen or neither does. */
const PUBLISH_ONCE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then
  redis.call('PUBLISH', KEYS[2], ARGV[1])
  return 1
end
return 0`;

/** How long a once-only publication is remembered (a job retried later than this could announce again). */
const ONCE_TTL_MS = 24 * 60 * 60 * 1000;

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

  /**
   * Publishes an event at most once per `key` (say, a task's final state), however many jobs try:
   * a retried job re-announces a final state safely, and a job that died before announcing it
   * leaves the announcement to the retry. Throws DependencyUnavailableError when Redis is away, so
   * the caller can try again rather than leave the event unsent.
   */
  async publishOnce<N extends PlatformEventName>(key: string, ownerId: string, event: PlatformEvents[N]): Promise<boolean> {
    const message: BusMessage<N> = { id: randomUUID(), owner_id: ownerId, event };
    try {
      const published = await this.redis.eval(PUBLISH_ONCE, 2, `${this.config.queuePrefix}:published:${key}`, this.channel, JSON.stringify(message), ONCE_TTL_MS);
      return published === 1;
    } catch (err) {
      throw new DependencyUnavailableError('redis', err);
    }
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
