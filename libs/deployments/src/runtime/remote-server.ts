import type { UpstreamEndpoint } from './deployment-runtime';

interface ServerEntry {
  url?: unknown;
  transport?: unknown;
  headers?: unknown;
}

function servers(toolConfig: Record<string, unknown>): ServerEntry[] {
  return Array.isArray(toolConfig.servers) ? (toolConfig.servers as ServerEntry[]) : [];
}

function stringHeaders(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** The first server entry with a `url` and an MCP transport (`streamable-http`, the default, or `sse`). */
export function remoteServerOf(toolConfig: Record<string, unknown>): UpstreamEndpoint | undefined {
  const entry = servers(toolConfig).find(
    (s) => typeof s.url === 'string' && (s.transport === undefined || s.transport === 'streamable-http' || s.transport === 'sse'),
  );
  if (!entry) return undefined;
  return {
    url: entry.url as string,
    transport: entry.transport === 'sse' ? 'sse' : 'streamable-http',
    headers: stringHeaders(entry.headers),
  };
}
