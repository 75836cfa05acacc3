/**
 * How a tool of a REST server (a `servers[]` entry with `transport: "http"`) maps to one HTTP
 * request, declared as the tool's `http` key. Every field is optional: without one, a tool is a
 * `POST {url}/{tool name}` with its arguments as the JSON body.
 */
export interface RestMapping {
  /** The `name` of the http server entry; the first one when omitted. */
  server?: string;
  method: RestMethod;
  /** Appended to the server's `url`; `{arg}` placeholders are filled (URL-encoded) from the arguments. */
  path: string;
  /** Arguments sent as query parameters; by default every unused argument of a GET or DELETE. */
  query?: string[];
  /** Header name → the argument whose value it carries. */
  header_params?: Record<string, string>;
  /** Fixed headers (e.g. an API key): values are secrets, sealed at rest and masked in responses. */
  headers?: Record<string, string>;
  /**
   * The JSON body: the named argument's value (string), or an object of the listed arguments; by
   * default every unused argument of a POST, PUT or PATCH.
   */
  body?: string | string[];
}

export const REST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RestMethod = (typeof REST_METHODS)[number];

/** Methods whose unused arguments travel in the query rather than in a body. */
export const QUERY_METHODS: ReadonlySet<RestMethod> = new Set(['GET', 'DELETE']);

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The argument names a path template fills, in order. */
export function pathPlaceholders(path: string): string[] {
  return [...path.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Fills a path template; `value` returns the encoded text of one argument. */
export function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(PLACEHOLDER, (_m, name: string) => value(name));
}

/** The mapping a tool declared, with the defaults above filled in (the config must be valid). */
export function restMappingOf(tool: { name: string; http?: unknown }): RestMapping {
  const declared = (tool.http ?? {}) as Partial<RestMapping>;
  return { ...declared, method: declared.method ?? 'POST', path: declared.path ?? `/${tool.name}` };
}
