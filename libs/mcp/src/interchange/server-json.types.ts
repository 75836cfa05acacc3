export const SERVER_JSON_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json';
/** Reverse-DNS namespace of tools exported from this platform (`io.mcp-platform/<slug>`). */
export const SERVER_NAMESPACE = 'io.mcp-platform';
/** server.json's `_meta` key for publisher data; it carries the tool definitions server.json has no field for. */
export const PUBLISHER_META = 'io.modelcontextprotocol.registry/publisher-provided';

export interface ServerJsonRemote {
  type: 'streamable-http' | 'sse';
  url: string;
}

export interface ServerJsonPackage {
  registryType: 'npm' | 'pypi' | 'oci';
  identifier: string;
  version?: string;
  runtimeHint?: string;
  transport: { type: 'stdio' };
}

export interface ServerJson {
  $schema: string;
  name: string;
  title?: string;
  description: string;
  version: string;
  remotes?: ServerJsonRemote[];
  packages?: ServerJsonPackage[];
  _meta?: Record<string, Record<string, unknown>>;
}
