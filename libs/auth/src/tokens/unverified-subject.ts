import { isUuid } from '@app/core';

/**
 * The `sub` a JWT claims, WITHOUT checking its signature: only for choosing which account's revision
 * to read in the same Redis round trip as the failed-authentication check, before the token is
 * verified. Whatever it returns is checked against the verified claims before anything relies on it.
 */
export function unverifiedSubject(token: string): string | undefined {
  const payload = token.split('.', 3)[1];
  if (!payload) return undefined;
  try {
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    return isUuid(sub) ? sub : undefined;
  } catch {
    return undefined;
  }
}
