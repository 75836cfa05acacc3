import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppException } from '@app/core';
import { HeldSlots, LINGER_MS, type Slot } from './held-slots';

export const TooManyConcurrentCalls = (limit: number) =>
  new AppException(
    429,
    'RATE_LIMIT_EXCEEDED',
    `Too many concurrent calls to this deployment (limit ${limit}). Please try again later.`,
    { retry_after: 1, limit },
    { 'Retry-After': '1' },
  );

/**
 * One deployment's slot changes since the last round trip, applied atomically in order: the
 * finished calls' slots are freed, expired slots (of a replica that crashed mid-call) are dropped,
 * then each waiting call takes a slot while the set holds fewer than its limit. Each slot carries
 * its own expiry (the call's timeout plus a margin and the reuse window).
 * ARGV: now, key ttl, release count, release ids..., then (id, expires at, limit) per acquire.
 */
const APPLY = `
local releases = tonumber(ARGV[3])
for i = 4, 3 + releases do redis.call('ZREM', KEYS[1], ARGV[i]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local count = redis.call('ZCARD', KEYS[1])
local taken = {}
for i = 4 + releases, #ARGV, 3 do
  if count < tonumber(ARGV[i + 2]) then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
    count = count + 1
    taken[#taken + 1] = 1
  else
    taken[#taken + 1] = 0
  end
end
if #taken > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return taken`;

/** A slot outlives its call's timeout by this much before another replica may reclaim it. */
const SLOT_MARGIN_MS = 5_000;
/**
 * A slot is taken for this much longer still, the time during which this replica may hand it to
 * further calls (each needs its whole timeout plus the margin left); then a call takes a fresh one.
 * It lengthens by as much how long a crashed replica's slots stay counted.
 */
const SLOT_REUSE_MS = 5_000;
/** After a failed or timed-out Redis call, calls skip the cap for this long instead of each waiting for Redis. */
const FAIL_OPEN_MS = 5_000;

interface Acquire {
  slot: Slot;
  limit: number;
  settle: (taken: boolean | undefined) => void;
}

interface Batch {
  releases: string[];
  acquires: Acquire[];
}

type LimiterRedis = Redis & { gatewaySlots(key: string, ...args: Array<string | number>): Promise<number[]> };

/**
 * Concurrent calls per deployment across every api replica, counted in Redis: beyond the limit a
 * call is refused (429), not queued. Every Redis command costs a socket write, so while a round trip
 * is out the slots taken and freed by all calls during one turn of the event loop go out together,
 * one scripted round trip per deployment (bounded by the connection's command timeout, no offline
 * queue); with none out, a call's acquire goes at once (a lone call does not wait a turn). A call waits
 * for its own answer before it starts, so no call runs without a slot.
 *
 * A call that finished within LINGER_MS leaves its slot with this replica (see HeldSlots) for that
 * long: the next call to the deployment here takes it without a round trip, so steady traffic pays
 * one only when a slot's reuse window runs out. The cap stays exact on one replica; other replicas
 * count a lingering slot as taken. A longer call frees its slot at the end of the turn, after its
 * answer has left: the trip saved would be a small part of such a call. When Redis is down or slow
 * the cap is skipped (fail open, as the rate limiter does): an outage of the limiter must not become
 * an outage of the gateway.
 */
export class CallLimiter {
  private readonly logger = new Logger(CallLimiter.name);
  private readonly redis: LimiterRedis;
  private batches = new Map<string, Batch>();
  private flushAtTurnEnd = false;
  private flushNow = false;
  /** Round trips sent and not answered yet. */
  private inFlight = 0;
  private skipUntil = 0;
  private readonly held = new HeldSlots((key, id) => this.batch(key, false).releases.push(id));
  private closed = false;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('gatewaySlots', { numberOfKeys: 1, lua: APPLY });
    this.redis = redis as LimiterRedis;
  }

  async run<T>(deploymentId: string, limit: number, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}:gateway:inflight:${deploymentId}`;
    const started = Date.now();
    const slot = this.held.take(key, limit, started + timeoutMs + SLOT_MARGIN_MS) ?? (await this.acquire(key, limit, timeoutMs));
    try {
      return await fn();
    } finally {
      if (slot) {
        const now = Date.now();
        const reusable = !this.closed && now - started < LINGER_MS && now + timeoutMs + SLOT_MARGIN_MS <= slot.expiresAt;
        this.held.finish(key, slot, limit, reusable, now);
      }
    }
  }

  /** Best effort at shutdown: the idle slots go back now, the running calls' as they finish, rather than expire. */
  close(): void {
    this.closed = true;
    this.held.releaseIdle();
    this.flush();
  }

  /** A fresh slot, or undefined when the cap was skipped; throws 429 when the deployment is at its limit. */
  private async acquire(key: string, limit: number, timeoutMs: number): Promise<Slot | undefined> {
    if (Date.now() < this.skipUntil || this.redis.status !== 'ready') return undefined;
    const slot: Slot = { id: randomUUID(), expiresAt: Date.now() + timeoutMs + SLOT_MARGIN_MS + SLOT_REUSE_MS, idleSince: 0 };
    const taken = await new Promise<boolean | undefined>((settle) => this.batch(key, true).acquires.push({ slot, limit, settle }));
    if (taken === false) throw TooManyConcurrentCalls(limit);
    if (!taken) return undefined;
    this.held.add(key);
    return slot;
  }

  /** `waiting`: a call waits on this change; with no round trip out it goes at once, else at the end of the turn. */
  private batch(key: string, waiting: boolean): Batch {
    if (waiting && this.inFlight === 0 && !this.flushNow) {
      this.flushNow = true;
      queueMicrotask(() => {
        this.flushNow = false;
        this.flush();
      });
    } else if (!this.flushAtTurnEnd) {
      this.flushAtTurnEnd = true;
      setImmediate(() => {
        this.flushAtTurnEnd = false;
        this.flush();
      });
    }
    let batch = this.batches.get(key);
    if (!batch) this.batches.set(key, (batch = { releases: [], acquires: [] }));
    return batch;
  }

  private flush(): void {
    const batches = this.batches;
    this.batches = new Map();
    for (const [key, { releases, acquires }] of batches) {
      const now = Date.now();
      const ttl = Math.max(0, ...acquires.map((a) => a.slot.expiresAt - now));
      const args = [now, ttl, releases.length, ...releases, ...acquires.flatMap((a) => [a.slot.id, a.slot.expiresAt, a.limit])];
      this.inFlight++;
      this.redis.gatewaySlots(key, ...args).then(
        (taken) => {
          this.inFlight--;
          acquires.forEach((a, i) => a.settle(taken[i] === 1));
        },
        (err: Error) => {
          this.inFlight--;
          if (acquires.length === 0) return; // only releases: their slots expire on their own
          this.skipUntil = Date.now() + FAIL_OPEN_MS;
          this.logger.warn(`gateway concurrency cap skipped for ${FAIL_OPEN_MS} ms: ${err.message}`);
          for (const a of acquires) a.settle(undefined);
        },
      );
    }
  }
}
