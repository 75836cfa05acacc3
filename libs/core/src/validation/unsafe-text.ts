import type { ValidationIssue } from '../errors/validation-issue';

type Loc = (string | number)[];

// A NUL, or a UTF-16 surrogate without its partner: PostgreSQL cannot store either (text and jsonb
// reject them) and they are never meaningful in names, emails, queries or JSON data.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemIn(text: string): Omit<ValidationIssue, 'loc'> | undefined {
  const found = UNSAFE.exec(text);
  if (!found) return undefined;
  return found[0] === '\u0000'
    ? { msg: 'string contains a NUL character (\\u0000)', type: 'value_error.str.nul' }
    : { msg: 'string contains a lone UTF-16 surrogate', type: 'value_error.str.surrogate' };
}

// Parsed JSON, query strings and route params only; a raw Buffer body is bytes, not text.
const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

interface Visit {
  value: unknown;
  key?: string | number;
  parent?: Visit;
}

function locOf(visit: Visit, base: Loc): Loc {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.key!);
  return [...base, ...path.reverse()];
}

/**
 * The first string (or object key) anywhere in `value` that the platform refuses to store, as a 422
 * issue whose `loc` points at it. Iterative, and the path is only built for the value it reports,
 * so a deeply nested value costs neither stack nor quadratic copying.
 */
export function findUnsafeText(value: unknown, loc: Loc): ValidationIssue | undefined {
  const pending: Visit[] = [{ value }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      const problem = problemIn(current);
      if (problem) return { loc: locOf(visit, loc), ...problem };
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => pending.push({ value: item, key: i, parent: visit }));
    } else if (isPlainObject(current)) {
      for (const key of Object.keys(current)) {
        const child: Visit = { value: (current as Record<string, unknown>)[key], key, parent: visit };
        const problem = problemIn(key);
        if (problem) return { loc: locOf(child, loc), ...problem };
        pending.push(child);
      }
    }
  }
  return undefined;
}
