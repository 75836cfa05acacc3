import { packageFromCommand } from './package-command';
import { PUBLISHER_META, SERVER_JSON_SCHEMA, SERVER_NAMESPACE, ServerJson, ServerJsonPackage, ServerJsonRemote } from './server-json.types';

const MAX_DESCRIPTION = 100;

export interface ExportableTool {
  name: string;
  slug: string;
  description: string | null;
  version: string;
  config: Record<string, unknown>;
}

/** Cuts at a word boundary so the registry's 100-character limit never splits a word. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

type Server = { url?: unknown; transport?: unknown; command?: unknown; args?: unknown };

/**
 * A registered tool as an official MCP Registry `server.json`: url servers become `remotes`,
 * pinned package commands become `packages`, and the tool definitions travel in `_meta`.
 */
export function toServerJson(tool: ExportableTool): ServerJson {
  const servers = (Array.isArray(tool.config.servers) ? tool.config.servers : []) as Server[];
  const remotes: ServerJsonRemote[] = servers
    .filter((s) => typeof s.url === 'string')
    .map((s) => ({ type: s.transport === 'sse' ? 'sse' : 'streamable-http', url: s.url as string }));
  const packages: ServerJsonPackage[] = servers
    .filter((s) => typeof s.command === 'string')
    .map((s) => packageFromCommand({ command: s.command as string, args: Array.isArray(s.args) ? (s.args as string[]) : [] }))
    .filter((p): p is ServerJsonPackage => p !== undefined);
  return {
    $schema: SERVER_JSON_SCHEMA,
    name: `${SERVER_NAMESPACE}/${tool.slug}`,
    title: shorten(tool.name, MAX_DESCRIPTION),
    description: shorten(tool.description?.trim() || tool.name, MAX_DESCRIPTION),
    version: tool.version,
    ...(remotes.length ? { remotes } : {}),
    ...(packages.length ? { packages } : {}),
    _meta: { [PUBLISHER_META]: { tools: Array.isArray(tool.config.tools) ? tool.config.tools : [] } },
  };
}
