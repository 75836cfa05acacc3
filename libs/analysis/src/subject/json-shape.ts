/** Narrowing helpers for untrusted JSON: they never throw and bound every string they return. */

export const MAX_TEXT_LENGTH = 2_000;

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function boundedString(value: unknown, maxLength = MAX_TEXT_LENGTH): string {
  return typeof value === 'string' ? value.slice(0, maxLength) : '';
}

/** The first `max` strings of an array (other entries skipped); a lone string counts as a list of one. */
export function boundedStrings(value: unknown, max: number, maxLength = MAX_TEXT_LENGTH): string[] {
  if (typeof value === 'string') return [value.slice(0, maxLength)];
  if (!Array.isArray(value)) return [];
  const strings: string[] = [];
  for (let i = 0; i < value.length && strings.length < max; i++) {
    if (typeof value[i] === 'string') strings.push((value[i] as string).slice(0, maxLength));
  }
  return strings;
}

/** Truthy in the sense a requirement flag means it: `true`, a non-empty string or an object. */
export function isEnabled(value: unknown): boolean {
  if (typeof value === 'string') return value.trim().length > 0 && !/^(false|no|off|none|0)$/i.test(value.trim());
  return value === true || (typeof value === 'object' && value !== null);
}
