import type { ValidationIssue } from '@app/core';
import { isRecord } from '../../config/issue-builders';

type Loc = (string | number)[];

/** How deep references may nest before the rest is left open (`{}`): recursive schemas stay finite. */
const MAX_DEPTH = 16;

const unresolvable = (ref: string, loc: Loc): ValidationIssue => ({
  loc: [...loc, '$ref'],
  msg: `unresolvable reference '${ref}' (only local #/ references are supported)`,
  type: 'value_error.ref',
});

/**
 * Inlines the local references (`#/components/...`) of an OpenAPI document, so a tool's input
 * schema stands alone. A reference back into itself (a recursive schema) and anything nested
 * deeper than MAX_DEPTH become `{}` (any value); a reference outside the document is an issue.
 */
export class OpenApiRefs {
  readonly issues: ValidationIssue[] = [];

  constructor(private readonly doc: Record<string, unknown>) {}

  resolve(value: unknown, loc: Loc, seen: string[] = []): unknown {
    if (Array.isArray(value)) return value.map((item, i) => this.resolve(item, [...loc, i], seen));
    if (!isRecord(value)) return value;
    if (typeof value.$ref === 'string') return this.follow(value.$ref, loc, seen);
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, this.resolve(child, [...loc, key], seen)]));
  }

  /** Only the top-level reference of a value (e.g. a path item), leaving what it holds to `resolve`. */
  shallow(value: unknown, loc: Loc): unknown {
    if (!isRecord(value) || typeof value.$ref !== 'string') return value;
    const target = value.$ref.startsWith('#/') ? this.at(value.$ref) : undefined;
    if (target === undefined) this.issues.push(unresolvable(value.$ref, loc));
    return target;
  }

  private follow(ref: string, loc: Loc, seen: string[]): unknown {
    if (seen.includes(ref) || seen.length >= MAX_DEPTH) return {};
    const target = ref.startsWith('#/') ? this.at(ref) : undefined;
    if (target === undefined) {
      this.issues.push(unresolvable(ref, loc));
      return {};
    }
    return this.resolve(target, loc, [...seen, ref]);
  }

  /** JSON Pointer (RFC 6901) lookup in the document. */
  private at(ref: string): unknown {
    let node: unknown = this.doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
      node = node[key];
    }
    return node;
  }
}
