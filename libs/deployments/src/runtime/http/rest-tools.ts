import { isRecord, pathPlaceholders, type RestMapping, restMappingOf } from '@app/mcp';
import type { UpstreamTool } from '../deployment-runtime';

/** A `servers[]` entry with `transport: "http"`: a REST API's base URL and the headers every call sends. */
export interface RestServer {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/** One tool of a REST server: what MCP clients see, and the request it becomes. */
export interface RestTool {
  tool: UpstreamTool;
  server: RestServer;
  mapping: RestMapping;
}

function stringRecord(value: unknown): Record<string, string> {
  return isRecord(value) ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
}

export function restServersOf(toolConfig: Record<string, unknown>): RestServer[] {
  const servers = Array.isArray(toolConfig.servers) ? toolConfig.servers.filter(isRecord) : [];
  return servers
    .filter((s) => s.transport === 'http' && typeof s.url === 'string')
    .map((s) => ({ name: String(s.name), url: s.url as string, headers: stringRecord(s.headers) }));
}

/** The tool's JSON-Schema input: its parameters, with every path placeholder required (a URL cannot go without it). */
function inputSchemaOf(tool: Record<string, unknown>, mapping: RestMapping): Record<string, unknown> {
  const declared = Array.isArray(tool.required) ? (tool.required as string[]) : [];
  const required = [...new Set([...declared, ...pathPlaceholders(mapping.path)])];
  return { type: 'object', properties: isRecord(tool.parameters) ? tool.parameters : {}, ...(required.length ? { required } : {}) };
}

/** The tools of a (validated) config whose servers are REST APIs; empty when it has none. */
export function restToolsOf(toolConfig: Record<string, unknown>): RestTool[] {
  const servers = restServersOf(toolConfig);
  if (servers.length === 0) return [];
  const tools = Array.isArray(toolConfig.tools) ? toolConfig.tools.filter(isRecord) : [];
  return tools.map((t) => {
    const mapping = restMappingOf(t as { name: string; http?: unknown });
    const server = servers.find((s) => s.name === mapping.server) ?? servers[0];
    const description = typeof t.description === 'string' ? t.description : undefined;
    return { tool: { name: String(t.name), description, inputSchema: inputSchemaOf(t, mapping) }, server, mapping };
  });
}
