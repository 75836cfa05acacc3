import { InvalidRequest } from '@app/core';

const ZERO_SHA = /^0+$/;

/**
 * A delivery's JSON: GitHub sends it as the body (`application/json`) or, for hooks created with
 * content type `form`, as the `payload` field of a form.
 */
export function parseDeliveryBody(body: Buffer, contentType = 'application/json'): unknown {
  try {
    const text = body.toString('utf8');
    if (contentType.startsWith('application/x-www-form-urlencoded')) return JSON.parse(new URLSearchParams(text).get('payload') ?? '');
    return JSON.parse(text);
  } catch {
    throw InvalidRequest('Invalid request format: the delivery is not a JSON payload');
  }
}

/** The repository and branch a push updated; undefined for tags, deleted branches and malformed payloads. */
export function trackedPush(payload: unknown): { fullName: string; branch: string } | undefined {
  const push = payload as { ref?: unknown; deleted?: unknown; after?: unknown; repository?: { full_name?: unknown } } | null;
  if (!push || typeof push.ref !== 'string' || !push.ref.startsWith('refs/heads/')) return undefined;
  if (push.deleted === true || (typeof push.after === 'string' && ZERO_SHA.test(push.after))) return undefined;
  const fullName = push.repository?.full_name;
  if (typeof fullName !== 'string' || !fullName.includes('/')) return undefined;
  return { fullName: fullName.toLowerCase(), branch: push.ref.slice('refs/heads/'.length) };
}
