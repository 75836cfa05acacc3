/** A concurrency slot this replica took in Redis, counted there until `expiresAt` (or its release). */
export interface Slot {
  id: string;
  expiresAt: number;
  /** When its last call finished, while it waits for the next one. */
  idleSince: number;
}

/**
 * How long a replica keeps a finished call's slot for the next call to the same deployment. Long
 * enough to span the gap between a steady caller's calls (a few ms, up to tens), short enough that
 * another replica, to which the slot is still counted, seldom finds the cap reached because of it.
 */
export const LINGER_MS = 100;

interface DeploymentSlots {
  /** Slots of calls running now. */
  busy: number;
  /** Slots whose call finished, oldest first. */
  idle: Slot[];
}

/**
 * The slots one replica holds per deployment (by Redis key), so that a call can take one a call just
 * freed on this replica without a Redis round trip. A slot not taken again within LINGER_MS goes to
 * `release`. A replica never holds more slots for a deployment than its limit: a call is only let
 * through by Redis, which counts them all, or on a slot this replica already held.
 */
export class HeldSlots {
  private readonly byKey = new Map<string, DeploymentSlots>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly release: (key: string, id: string) => void) {}

  /**
   * An idle slot for a call that needs it counted in Redis until `neededUntil`, or undefined. The
   * newest idle slot is reused, so that when fewer calls run the oldest ones age out.
   */
  take(key: string, limit: number, neededUntil: number): Slot | undefined {
    const slots = this.byKey.get(key);
    if (!slots) return undefined;
    // The deployment's limit went down (a redeploy): the oldest idle slots beyond it go back.
    while (slots.idle.length > 0 && slots.busy + slots.idle.length > limit) this.release(key, slots.idle.shift()!.id);
    const slot = slots.idle.pop();
    if (!slot) return undefined;
    if (slot.expiresAt < neededUntil) {
      // Its Redis expiry would not outlast the call: the caller takes a fresh slot in the same trip.
      this.release(key, slot.id);
      return undefined;
    }
    slots.busy++;
    return slot;
  }

  /** A call runs on a slot fresh from Redis. */
  add(key: string): void {
    const slots = this.byKey.get(key);
    if (slots) slots.busy++;
    else this.byKey.set(key, { busy: 1, idle: [] });
  }

  /** The call on `slot` finished: it waits for the next call if `reusable` and within the limit, else it goes back. */
  finish(key: string, slot: Slot, limit: number, reusable: boolean, now: number): void {
    const slots = this.byKey.get(key)!;
    slots.busy--;
    if (reusable && slots.busy + slots.idle.length < limit) {
      slot.idleSince = now;
      slots.idle.push(slot);
      this.sweepTimer ??= this.sweepIn(LINGER_MS);
      return;
    }
    this.release(key, slot.id);
    if (slots.busy === 0 && slots.idle.length === 0) this.byKey.delete(key);
  }

  /** Every idle slot goes back (shutdown); slots of running calls go back as their calls finish. */
  releaseIdle(): void {
    this.sweep(Infinity);
  }

  private sweepIn(ms: number): NodeJS.Timeout {
    // Unreferenced: idle slots must not keep a process alive (they expire in Redis on their own).
    return setTimeout(() => {
      this.sweepTimer = undefined;
      const next = this.sweep(Date.now() - LINGER_MS);
      if (next !== undefined) this.sweepTimer = this.sweepIn(next + LINGER_MS - Date.now());
    }, ms).unref();
  }

  /** Releases the slots idle since `cutoff` or before; answers when the oldest one left became idle. */
  private sweep(cutoff: number): number | undefined {
    let oldest: number | undefined;
    for (const [key, slots] of this.byKey) {
      while (slots.idle.length > 0 && slots.idle[0].idleSince <= cutoff) this.release(key, slots.idle.shift()!.id);
      if (slots.idle.length > 0) oldest = Math.min(oldest ?? Infinity, slots.idle[0].idleSince);
      else if (slots.busy === 0) this.byKey.delete(key);
    }
    return oldest;
  }
}
