import { fillPath, pathPlaceholders, QUERY_METHODS } from '@app/mcp';
import type { RestTool } from './rest-tools';

export interface RestRequest {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string };
}

/** How one argument travels in a URL: scalars as text, anything else as its JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

const lowerKeys = (headers: Record<string, string> = {}) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

const present = (args: Record<string, unknown>, name: string) => args[name] !== undefined && args[name] !== null;

/**
 * The HTTP request a call becomes: the path template filled (each value URL-encoded, so an
 * argument cannot add path segments), query and header arguments, then the JSON body. Arguments
 * not placed explicitly go to the query of a GET/DELETE and to the body of anything else.
 */
export function buildRestRequest({ server, mapping }: RestTool, args: Record<string, unknown>): RestRequest {
  const used = new Set(pathPlaceholders(mapping.path));
  const path = fillPath(mapping.path, (name) => encodeURIComponent(asText(args[name])));
  const url = new URL(server.url.replace(/\/+$/, '') + path);

  // Lower-cased, so a tool's header replaces the server's of the same name rather than joining it.
  const headers: Record<string, string> = { accept: 'application/json', ...lowerKeys(server.headers), ...lowerKeys(mapping.headers) };
  for (const [header, name] of Object.entries(mapping.header_params ?? {})) {
    used.add(name);
    if (present(args, name)) headers[header.toLowerCase()] = asText(args[name]);
  }
  const unused = () => Object.keys(args).filter((name) => !used.has(name));

  const query = mapping.query ?? (QUERY_METHODS.has(mapping.method) ? unused() : []);
  for (const name of query) {
    used.add(name);
    if (!present(args, name)) continue;
    for (const value of Array.isArray(args[name]) ? (args[name] as unknown[]) : [args[name]]) url.searchParams.append(name, asText(value));
  }

  const init: RestRequest['init'] = { method: mapping.method, headers };
  const rest = unused();
  const bodyArgs = mapping.body ?? (QUERY_METHODS.has(mapping.method) || rest.length === 0 ? undefined : rest);
  if (bodyArgs !== undefined) {
    const body = typeof bodyArgs === 'string' ? args[bodyArgs] : Object.fromEntries(bodyArgs.filter((n) => args[n] !== undefined).map((n) => [n, args[n]]));
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
  }
  return { url: url.toString(), init };
}
