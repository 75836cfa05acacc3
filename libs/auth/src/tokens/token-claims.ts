import type { Role } from '../permissions';

export const ACCESS_TOKEN_TTL_SECONDS = 900;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
export const JWT_ISSUER = 'mcp-platform';
export const JWT_AUDIENCE = 'mcp-platform-api';

/** `type` keeps a refresh token from ever being accepted as an access token, and vice versa. */
export interface AccessClaims {
  sub: string;
  role: Role;
  type: 'access';
}

export interface RefreshClaims {
  sub: string;
  type: 'refresh';
  jti: string;
  fam: string;
}
