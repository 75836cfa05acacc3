import type { ValidationIssue } from '@app/core';
import { isRecord, missing, notEnum } from '../../config/issue-builders';
import type { RestMapping, RestMethod } from '../../config/rest-mapping';
import type { OpenApiRefs } from './openapi-refs';

type Loc = (string | number)[];

export const OPENAPI_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PARAMETER_PLACES = ['path', 'query', 'header', 'cookie'] as const;

export interface OperationTool {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  required?: string[];
  http: RestMapping;
}

interface Parameter {
  name: string;
  in: (typeof PARAMETER_PLACES)[number];
  required?: boolean;
  description?: string;
  schema?: unknown;
}

/** A parameter's JSON Schema, with its description (what a model reads to fill it). */
function schemaOf(schema: unknown, description: unknown): Record<string, unknown> {
  const base = isRecord(schema) ? schema : {};
  return typeof description === 'string' && base.description === undefined ? { ...base, description } : base;
}

/** Path-level parameters apply to every operation; the operation's own replace those of the same name and place. */
function parametersOf(pathItem: Record<string, unknown>, op: Record<string, unknown>, refs: OpenApiRefs, loc: Loc, issues: ValidationIssue[]): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const lists: [unknown, Loc][] = [
    [pathItem.parameters, [...loc.slice(0, -1), 'parameters']],
    [op.parameters, [...loc, 'parameters']],
  ];
  for (const [list, at] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const reported = refs.issues.length;
      const p = refs.resolve(raw, [...at, i]);
      // An unresolvable reference is reported once, as such.
      if (refs.issues.length > reported) return;
      if (!isRecord(p) || typeof p.name !== 'string' || !p.name) return issues.push(missing([...at, i, 'name']));
      if (!PARAMETER_PLACES.includes(p.in as Parameter['in'])) return issues.push(notEnum([...at, i, 'in'], PARAMETER_PLACES));
      byKey.set(`${p.in as string} ${p.name}`, p as unknown as Parameter);
    });
  }
  return [...byKey.values()];
}

/** The JSON schema of a request body, when it has a JSON media type. */
function jsonBodyOf(op: Record<string, unknown>, refs: OpenApiRefs, loc: Loc): { schema: Record<string, unknown>; required: boolean } | 'none' | 'unsupported' {
  const body = refs.resolve(op.requestBody, [...loc, 'requestBody']);
  if (!isRecord(body) || !isRecord(body.content)) return 'none';
  const media = Object.keys(body.content).find((type) => /^application\/(.+\+)?json\b/.test(type));
  if (!media) return 'unsupported';
  const content = body.content[media];
  return { schema: isRecord(content) && isRecord(content.schema) ? content.schema : {}, required: body.required === true };
}

/**
 * One operation as a tool: its parameters (path, query, header; cookies are not sent) and its JSON
 * request body, whose object properties become parameters of their own unless a name is taken, in
 * which case the whole body is one `body` parameter. Returns a reason instead when the operation
 * cannot be called (a body that is not JSON).
 */
export function toolOfOperation(
  pathItem: Record<string, unknown>,
  path: string,
  method: (typeof OPENAPI_METHODS)[number],
  name: string,
  refs: OpenApiRefs,
  issues: ValidationIssue[],
): OperationTool | { skipped: string } {
  const loc = ['body', 'paths', path, method];
  const op = pathItem[method] as Record<string, unknown>;
  const parameters: Record<string, unknown> = {};
  const required: string[] = [];
  const http: RestMapping = { method: method.toUpperCase() as RestMethod, path, query: [], header_params: {} };
  for (const p of parametersOf(pathItem, op, refs, loc, issues)) {
    if (p.in === 'cookie') continue;
    parameters[p.name] = schemaOf(p.schema, p.description);
    if (p.required || p.in === 'path') required.push(p.name);
    if (p.in === 'query') http.query!.push(p.name);
    if (p.in === 'header') http.header_params![p.name] = p.name;
  }
  const body = jsonBodyOf(op, refs, loc);
  if (body === 'unsupported') return { skipped: 'its request body is not JSON' };
  if (body !== 'none' && method === 'get') return { skipped: 'a GET request with a body cannot be sent' };
  if (body !== 'none') {
    const props = isRecord(body.schema.properties) && body.schema.type !== 'array' ? body.schema.properties : undefined;
    if (props && Object.keys(props).every((key) => !(key in parameters))) {
      Object.assign(parameters, props);
      if (body.required && Array.isArray(body.schema.required)) required.push(...(body.schema.required as string[]));
      http.body = Object.keys(props);
    } else {
      const bodyName = 'body' in parameters ? 'request_body' : 'body';
      parameters[bodyName] = body.schema;
      if (body.required) required.push(bodyName);
      http.body = bodyName;
    }
  }
  if (!http.query!.length) delete http.query;
  if (!Object.keys(http.header_params!).length) delete http.header_params;
  const summary = [op.summary, op.description].find((text): text is string => typeof text === 'string' && text.length > 0);
  return { name, description: summary, parameters, ...(required.length ? { required } : {}), http };
}
