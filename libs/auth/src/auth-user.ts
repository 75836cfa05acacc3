import type { Permission, Role } from './permissions';

/** The authenticated principal a request acts as (a user, directly or through one of their API keys). */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  /** Set when the request authenticated with an API key. */
  apiKeyId?: string;
  /** When the credential stops being valid (the access token's `exp`, the API key's expiry). */
  expiresAt?: Date;
}
