/** Models wrap JSON in prose or code fences; take the outermost object and fail loudly otherwise. */
export function parseJsonReply(text: string): Record<string, unknown> {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('the model reply contains no JSON object');
  const parsed: unknown = JSON.parse(text.slice(start, end + 1));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the model reply is not a JSON object');
  return parsed as Record<string, unknown>;
}

export function stringList(value: unknown, limit = 20): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, limit) : [];
}

export function score01(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  return Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;
}
