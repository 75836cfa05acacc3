/**
 * A list the config may declare: `absent` (no key), `malformed` (not an array) or `list`, whose
 * `items` are the first entries within the analysis limits while `total` is the declared length.
 */
export interface DeclaredList<T> {
  status: 'absent' | 'malformed' | 'list';
  items: T[];
  total: number;
}

export function readDeclaredList<T>(
  value: unknown,
  max: number,
  read: (entry: unknown, index: number) => T,
): DeclaredList<T> {
  if (value === undefined || value === null) return { status: 'absent', items: [], total: 0 };
  if (!Array.isArray(value)) return { status: 'malformed', items: [], total: 0 };
  const count = Math.min(value.length, max);
  return { status: 'list', items: Array.from({ length: count }, (_, i) => read(value[i], i)), total: value.length };
}

export function isTruncated(list: DeclaredList<unknown>): boolean {
  return list.items.length < list.total;
}
