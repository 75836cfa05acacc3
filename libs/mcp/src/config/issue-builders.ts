import type { ValidationIssue } from '@app/core';

type Loc = (string | number)[];

export const missing = (loc: Loc): ValidationIssue => ({ loc, msg: 'field required', type: 'value_error.missing' });
export const notString = (loc: Loc): ValidationIssue => ({ loc, msg: 'str type expected', type: 'type_error.str' });
export const notObject = (loc: Loc): ValidationIssue => ({ loc, msg: 'value is not a valid dict', type: 'type_error.dict' });
export const notList = (loc: Loc): ValidationIssue => ({ loc, msg: 'value is not a valid list', type: 'type_error.list' });

export const noMatch = (loc: Loc, pattern: RegExp): ValidationIssue => ({
  loc,
  msg: `string does not match regex '${pattern.source}'`,
  type: 'value_error.str.regex',
  ctx: { pattern: pattern.source },
});

export const notEnum = (loc: Loc, values: readonly string[]): ValidationIssue => ({
  loc,
  msg: `value is not a valid enumeration member; permitted: ${values.map((v) => `'${v}'`).join(', ')}`,
  type: 'type_error.enum',
  ctx: { enum_values: [...values] },
});

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A required non-empty string field; returns the issue, or undefined when the value is fine. */
export function requireString(value: unknown, loc: Loc): ValidationIssue | undefined {
  if (value === undefined || value === null || value === '') return missing(loc);
  if (typeof value !== 'string') return notString(loc);
  return undefined;
}
