import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, REDIS, ServiceUnavailable, type AppConfig } from '@app/core';

/**
 * What a request read of an account's revision before it looked at the account: `value` is null
 * when Redis holds none (never set, expired, or Redis was flushed). A request that could not read
 * Redis has no AccountRevision at all.
 */
export interface AccountRevision {
  userId: string;
  value: string | null;
}

/** Held while a change is being written: nothing read meanwhile may be cached. Never a random value (those are 12 characters). */
const CHANGING = 'changing';
/** Outlives any write; if the revision after the write is lost, caching resumes once this expires. */
const CHANGING_TTL_MS = 5 * 60_000;
/** Revisions of idle accounts disappear; the next request reads PostgreSQL and sets a new one. */
const REVISION_TTL_MS = 24 * 3600_000;

/** Whether rows read under this revision may be cached: not while a change is being written, not without a revision. */
export const isCacheableRevision = (value: string | null): value is string => value !== null && value !== CHANGING;

/** Random, never a counter: after a flush a counter would restart and could match a stale copy. */
const newRevision = () => randomBytes(9).toString('base64url');

/**
 * The authoritative revision of each account, in Redis and shared by every api replica. Anything that
 * changes how an account authenticates (active, role, its API keys) goes through `change`, which
 * replaces the revision before the write and again after it, before the caller answers. A cached row
 * is only used under the revision it was stamped with, so once `change` returns no replica serves a
 * copy from before the write.
 */
@Injectable()
export class AccountRevisions {
  private readonly logger = new Logger(AccountRevisions.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  key(userId: string): string {
    return `${this.config.queuePrefix}:auth:rev:${userId}`;
  }

  /**
   * Runs `write` (which commits to PostgreSQL) between two revision replacements:
   * - before: `changing` stops every replica from caching what it reads while the write is under way,
   *   and makes every copy stamped earlier useless;
   * - after: a fresh revision lets replicas cache the new state again.
   * Either one succeeding is enough for no stale copy to be served. If both fail (Redis unreachable
   * from here), the change is committed but other replicas might keep serving a copy they cached
   * before it, so the caller gets 503 and repeats the request (writes through here are idempotent).
   * Replicas that lose their own Redis connection drop their caches (see CachedPrincipals).
   */
  async change<T>(userId: string, write: () => Promise<T>): Promise<T> {
    const fenced = await this.set(userId, CHANGING, CHANGING_TTL_MS);
    const outcome = await write().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    // Also after a failed write: it may have committed, and `changing` would stop caching for minutes.
    const bumped = await this.set(userId, newRevision(), REVISION_TTL_MS);
    if (!outcome.ok) throw outcome.error;
    if (!fenced && !bumped) {
      throw ServiceUnavailable('The change is saved, but could not be announced to every api replica (Redis unavailable); repeat the request');
    }
    return outcome.value;
  }

  /**
   * Sets a revision for an account that had none, unless one appeared meanwhile (a change, or another
   * request). Returns the revision the caller may stamp the rows it read AFTER seeing none, or null.
   */
  async claim(userId: string): Promise<string | null> {
    const value = newRevision();
    try {
      return (await this.redis.set(this.key(userId), value, 'PX', REVISION_TTL_MS, 'NX')) === 'OK' ? value : null;
    } catch {
      return null;
    }
  }

  private async set(userId: string, value: string, ttlMs: number): Promise<boolean> {
    try {
      await this.redis.set(this.key(userId), value, 'PX', ttlMs);
      return true;
    } catch (err) {
      this.logger.warn(`account revision of ${userId} not replaced: ${(err as Error).message}`);
      return false;
    }
  }
}
