/** The indexed parts of free-form metadata: `tags` (strings), `source`, `language`. */
export function indexedMetadata(metadata: Record<string, unknown>) {
  const tags = Array.isArray(metadata.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string').slice(0, 50) : [];
  const text = (value: unknown, max: number) => (typeof value === 'string' && value ? value.slice(0, max) : null);
  return { tags, source: text(metadata.source, 255), language: text(metadata.language, 16) };
}
