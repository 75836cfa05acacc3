/** Largest accepted tool config: the size of its JSON in UTF-8. */
export const MAX_CONFIG_BYTES = 256 * 1024;

export function configByteSize(config: unknown): number {
  return Buffer.byteLength(JSON.stringify(config ?? null), 'utf8');
}
