import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@app/core';

export interface MetricsDelta {
  requests: number;
  errors: number;
  latencyMs: number;
}

const EMPTY: MetricsDelta = { requests: 0, errors: 0, latencyMs: 0 };

/** How long calls are summed in process memory before one pipelined write carries them to Redis. */
const BATCH_MS = 200;

function parse(hash: Record<string, string> | null | undefined): MetricsDelta {
  if (!hash) return { ...EMPTY };
  return { requests: Number(hash.requests ?? 0), errors: Number(hash.errors ?? 0), latencyMs: Number(hash.latency_us ?? 0) / 1000 };
}

/**
 * Per-deployment call counters in Redis, shared by every api replica. The hot path only adds to
 * this process's batch; every BATCH_MS one pipelined write (never awaited by a call) moves the
 * batch to Redis, instead of four Redis commands per call. The worker drains the counters into
 * PostgreSQL (`deployments.flush-metrics`), so totals survive restarts and Redis only holds what is
 * unflushed.
 */
@Injectable()
export class DeploymentMetricsStore implements OnModuleDestroy {
  private readonly logger = new Logger(DeploymentMetricsStore.name);
  private readonly prefix: string;
  private batch = new Map<string, MetricsDelta>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:gateway:metrics`;
    this.timer = setInterval(() => this.writeBatch(), BATCH_MS).unref();
  }

  private key(id: string): string {
    return `${this.prefix}:${id}`;
  }

  record(deploymentId: string, durationMs: number, failed: boolean): void {
    const delta = this.batch.get(deploymentId) ?? { ...EMPTY };
    delta.requests += 1;
    delta.latencyMs += durationMs;
    if (failed) delta.errors += 1;
    this.batch.set(deploymentId, delta);
  }

  /**
   * Counts not yet flushed to PostgreSQL (shown on top of the stored totals), this process's batch
   * included. A batch write already sent precedes this read on the same connection, so nothing is
   * counted twice or missed.
   */
  async pending(deploymentId: string): Promise<MetricsDelta> {
    const local = this.batch.get(deploymentId) ?? EMPTY;
    const stored = parse(await this.redis.hgetall(this.key(deploymentId)).catch(() => null));
    return { requests: stored.requests + local.requests, errors: stored.errors + local.errors, latencyMs: stored.latencyMs + local.latencyMs };
  }

  private writeBatch(): void {
    if (this.batch.size === 0) return;
    const batch = this.batch;
    this.batch = new Map();
    const pipeline = this.redis.pipeline();
    for (const [id, delta] of batch) {
      const key = this.key(id);
      pipeline.hincrby(key, 'requests', delta.requests).hincrby(key, 'latency_us', Math.round(delta.latencyMs * 1000));
      if (delta.errors) pipeline.hincrby(key, 'errors', delta.errors);
    }
    pipeline.sadd(`${this.prefix}:dirty`, ...batch.keys());
    pipeline.exec().catch((err: Error) => this.logger.warn(`metrics write failed: ${err.message}`));
  }

  /** Atomically takes every deployment's unflushed counts (read-and-delete per key). */
  async drain(): Promise<Map<string, MetricsDelta>> {
    const ids = await this.redis.smembers(`${this.prefix}:dirty`);
    const result = new Map<string, MetricsDelta>();
    for (const id of ids) {
      const replies = await this.redis.multi().hgetall(this.key(id)).del(this.key(id)).srem(`${this.prefix}:dirty`, id).exec();
      const delta = parse(replies?.[0]?.[1] as Record<string, string> | undefined);
      if (delta.requests > 0) result.set(id, delta);
    }
    return result;
  }

  /** Puts counts back when they could not be stored, so a failed flush loses nothing. */
  async restore(deploymentId: string, delta: MetricsDelta): Promise<void> {
    const key = this.key(deploymentId);
    await this.redis
      .multi()
      .hincrby(key, 'requests', delta.requests)
      .hincrby(key, 'errors', delta.errors)
      .hincrby(key, 'latency_us', Math.round(delta.latencyMs * 1000))
      .sadd(`${this.prefix}:dirty`, deploymentId)
      .exec();
  }

  /** The last batch goes out before the process stops. */
  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.writeBatch();
  }
}
