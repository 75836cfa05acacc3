import * as argon2 from 'argon2';

/** OWASP's current minimum for argon2id (m = 19 MiB, t = 2, p = 1). Raise here; old hashes upgrade at login. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  /** Verifying against this when the user does not exist keeps login timing the same either way. */
  private readonly decoy = argon2.hash('decoy-password-for-unknown-users', ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  }
}
