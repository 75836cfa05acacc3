import { hasUrlCredentials, looksLikeSecretValue } from './secret-patterns';

/** How much of a string is inspected for secrets; bounds the regex work on hostile input. */
const INSPECTED_LENGTH = 4_096;

/**
 * Turns an untrusted string into something safe to quote in a message: control characters removed,
 * length bounded, and the whole label withheld when it contains a credential (a truncated secret is
 * still a leaked secret, so the check runs before truncation).
 */
export function safeLabel(value: string, maxLength = 64): string {
  const inspected = value.slice(0, INSPECTED_LENGTH);
  if (looksLikeSecretValue(inspected) || hasUrlCredentials(inspected)) return '[redacted]';
  const printable = inspected.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
  return printable.length > maxLength ? `${printable.slice(0, maxLength - 1)}…` : printable;
}

/** `a, b, c and 2 more`: names a few items without letting a huge list into a message. */
export function listLabels(labels: readonly string[], shown = 3): string {
  const head = labels.slice(0, shown);
  const rest = labels.length - head.length;
  if (rest > 0) return `${head.join(', ')} and ${rest} more`;
  if (head.length <= 1) return head.join('');
  return `${head.slice(0, -1).join(', ')} and ${head[head.length - 1]}`;
}
