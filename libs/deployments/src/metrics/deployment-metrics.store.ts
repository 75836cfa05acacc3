import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@app/core';

export interface MetricsDelta {
  requests: number;
  errors: number;
  latencyMs: number;
}

const EMPTY: MetricsDelta = { requests: 0, errors: 0, latencyMs: 0 };

function parse(hash: Record<string, string> | null | undefined): MetricsDelta {
  if (!hash) return { ...EMPTY };
  return { requests: Number(hash.requests ?? 0), errors: Number(hash.errors ?? 0), latencyMs: Number(hash.latency_us ?? 0) / 1000 };
}

/**
 * Per-deployment call counters in Redis, shared by every api replica. The hot path fires one
 * pipelined write and never waits for it; the worker drains the counters into PostgreSQL
 * (`deployments.flush-metrics`), so totals survive restarts and Redis only holds what is unflushed.
 */
@Injectable()
export class DeploymentMetricsStore {
  private readonly logger = new Logger(DeploymentMetricsStore.name);
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:gateway:metrics`;
  }

  private key(id: string): string {
    return `${this.prefix}:${id}`;
  }

  record(deploymentId: string, durationMs: number, failed: boolean): void {
    const key = this.key(deploymentId);
    const pipeline = this.redis.pipeline().hincrby(key, 'requests', 1).hincrby(key, 'latency_us', Math.round(durationMs * 1000));
    if (failed) pipeline.hincrby(key, 'errors', 1);
    pipeline.sadd(`${this.prefix}:dirty`, deploymentId);
    pipeline.exec().catch((err: Error) => this.logger.warn(`metrics write failed: ${err.message}`));
  }

  /** Counts not yet flushed to PostgreSQL (shown on top of the stored totals). */
  async pending(deploymentId: string): Promise<MetricsDelta> {
    return parse(await this.redis.hgetall(this.key(deploymentId)).catch(() => null));
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
}
