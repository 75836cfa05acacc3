import type { ValidationIssue } from '@app/core';
import { isRecord, notEnum, notList, notObject, notString } from './issue-builders';
import { pathPlaceholders, REST_METHODS, type RestMethod } from './rest-mapping';

type Loc = (string | number)[];

/** RFC 9110 token: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP client owns: a tool setting them would corrupt or smuggle the request. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'content-type', 'upgrade', 'te', 'trailer', 'expect']);

const issue = (loc: Loc, msg: string, type = 'value_error'): ValidationIssue => ({ loc, msg, type });

function checkHeaderName(name: string, loc: Loc): ValidationIssue[] {
  if (!HEADER_NAME.test(name)) return [issue(loc, `'${name}' is not a valid header name`, 'value_error.header_name')];
  if (RESERVED_HEADERS.has(name.toLowerCase())) return [issue(loc, `header '${name}' is set by the platform`, 'value_error.header_reserved')];
  return [];
}

/** An argument a mapping refers to must be one of the tool's parameters. */
function checkArgument(name: unknown, params: Set<string>, loc: Loc): ValidationIssue[] {
  if (typeof name !== 'string') return [notString(loc)];
  return params.has(name) ? [] : [issue(loc, `'${name}' is not a parameter of this tool`, 'value_error.unknown_parameter')];
}

function checkArgumentList(value: unknown, params: Set<string>, loc: Loc): ValidationIssue[] {
  if (!Array.isArray(value)) return [notList(loc)];
  return value.flatMap((name, i) => checkArgument(name, params, [...loc, i]));
}

function checkHeaderMap(value: unknown, loc: Loc, checkValue: (v: unknown, at: Loc) => ValidationIssue[]): ValidationIssue[] {
  if (!isRecord(value)) return [notObject(loc)];
  return Object.entries(value).flatMap(([name, v]) => [...checkHeaderName(name, [...loc, name]), ...checkValue(v, [...loc, name])]);
}

function checkPath(path: unknown, params: Set<string>, loc: Loc): ValidationIssue[] {
  if (typeof path !== 'string') return [notString(loc)];
  if (!path.startsWith('/') || /[?#\s]/.test(path)) {
    return [issue(loc, 'path must start with / and hold no query, fragment or whitespace (use query)', 'value_error.path')];
  }
  return pathPlaceholders(path)
    .filter((name) => !params.has(name))
    .map((name) => issue(loc, `placeholder {${name}} is not a parameter of this tool`, 'value_error.unknown_parameter'));
}

function checkMapping(http: unknown, params: Set<string>, restServers: string[], loc: Loc): ValidationIssue[] {
  if (!isRecord(http)) return [notObject(loc)];
  const issues: ValidationIssue[] = [];
  if (restServers.length === 0) issues.push(issue(loc, 'no servers[] entry has transport "http"', 'value_error.no_http_server'));
  else if (http.server !== undefined && !restServers.includes(http.server as string)) {
    issues.push(notEnum([...loc, 'server'], restServers));
  }
  const method = http.method ?? 'POST';
  if (!REST_METHODS.includes(method as RestMethod)) issues.push(notEnum([...loc, 'method'], REST_METHODS));
  if (http.path !== undefined) issues.push(...checkPath(http.path, params, [...loc, 'path']));
  if (http.query !== undefined) issues.push(...checkArgumentList(http.query, params, [...loc, 'query']));
  if (http.header_params !== undefined) {
    issues.push(...checkHeaderMap(http.header_params, [...loc, 'header_params'], (v, at) => checkArgument(v, params, at)));
  }
  if (http.headers !== undefined) {
    issues.push(...checkHeaderMap(http.headers, [...loc, 'headers'], (v, at) => (typeof v === 'string' ? [] : [notString(at)])));
  }
  if (http.body !== undefined) {
    if (method === 'GET') issues.push(issue([...loc, 'body'], 'a GET request has no body', 'value_error.body_not_allowed'));
    else if (typeof http.body === 'string') issues.push(...checkArgument(http.body, params, [...loc, 'body']));
    else issues.push(...checkArgumentList(http.body, params, [...loc, 'body']));
  }
  return issues;
}

/**
 * `tools[].http`: how a tool of a REST server becomes an HTTP request. Every argument it names
 * must be a parameter of the tool, and `server` an http server entry of the config.
 */
export function validateRestMappings(config: Record<string, unknown>): ValidationIssue[] {
  if (!Array.isArray(config.tools)) return [];
  const servers = Array.isArray(config.servers) ? config.servers.filter(isRecord) : [];
  const restServers = servers.filter((s) => s.transport === 'http' && typeof s.name === 'string').map((s) => s.name as string);
  return config.tools.flatMap((tool, i) => {
    if (!isRecord(tool) || tool.http === undefined) return [];
    const params = new Set(isRecord(tool.parameters) ? Object.keys(tool.parameters) : []);
    return checkMapping(tool.http, params, restServers, ['tools', i, 'http']);
  });
}
