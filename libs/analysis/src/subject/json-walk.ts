import { safeLabel } from '../text/safe-label';

export type JsonPath = readonly (string | number)[];

export interface StringLeaf {
  path: JsonPath;
  value: string;
}

export interface WalkLimits {
  maxDepth: number;
  maxNodes: number;
  maxStringLength: number;
  /** Characters of all strings together: what the value-matching rules scan at most. */
  maxTotalLength: number;
}

export interface WalkResult {
  leaves: StringLeaf[];
  truncated: boolean;
}

/** Far beyond any real tool config, small enough that hostile input costs milliseconds. */
export const DEFAULT_WALK_LIMITS: WalkLimits = {
  maxDepth: 32,
  maxNodes: 20_000,
  maxStringLength: 4_096,
  maxTotalLength: 1_000_000,
};

/**
 * Collects every string in a JSON value with its path, in document order. Iterative, with a depth
 * cap and a budget of nodes spent when they are queued (not when visited, so shared or cyclic
 * references cannot grow the queue past it): deep nesting, huge arrays and cycles all end in
 * bounded work, and `truncated` tells that something was skipped.
 */
export function collectStringLeaves(root: unknown, limits: WalkLimits = DEFAULT_WALK_LIMITS): WalkResult {
  const leaves: StringLeaf[] = [];
  const stack: { path: JsonPath; value: unknown }[] = [{ path: [], value: root }];
  let budget = limits.maxNodes - 1;
  let characters = limits.maxTotalLength;
  let truncated = false;
  while (stack.length > 0) {
    const { path, value } = stack.pop()!;
    if (typeof value === 'string') {
      const kept = value.slice(0, Math.min(limits.maxStringLength, characters));
      truncated ||= kept.length < value.length;
      characters -= kept.length;
      leaves.push({ path, value: kept });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= limits.maxDepth) {
      truncated = true;
      continue;
    }
    const children = childrenOf(value, path, budget);
    budget -= children.entries.length;
    truncated ||= children.truncated;
    for (let i = children.entries.length - 1; i >= 0; i--) stack.push(children.entries[i]);
  }
  return { leaves, truncated };
}

function childrenOf(value: object, path: JsonPath, budget: number) {
  const keys = Array.isArray(value) ? undefined : Object.keys(value);
  const total = keys ? keys.length : (value as unknown[]).length;
  const record = value as Record<string | number, unknown>;
  const entries = Array.from({ length: Math.min(total, budget) }, (_, i) => {
    const key = keys ? keys[i] : i;
    return { path: [...path, key], value: record[key] };
  });
  return { entries, truncated: entries.length < total };
}

/** `servers[0].env.API_KEY`, with every key made safe to show. */
export function formatPath(path: JsonPath): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${safeLabel(part, 40)}`))
    .join('');
}
