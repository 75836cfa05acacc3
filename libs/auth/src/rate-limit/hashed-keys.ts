/** Enough for every principal active on a replica across its routes; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

/**
 * The throttler's window keys by what they are hashed from (route, throttler, tracker): the same
 * principal calling the same route gets the same key, so its SHA-256 is computed once, not twice a request.
 */
export class HashedKeys {
  private readonly keys = new Map<string, string>();

  get(input: string, hash: () => string): string {
    let key = this.keys.get(input);
    if (key !== undefined) return key;
    key = hash();
    this.keys.set(input, key);
    if (this.keys.size > MAX_ENTRIES) this.keys.delete(this.keys.keys().next().value as string);
    return key;
  }
}
