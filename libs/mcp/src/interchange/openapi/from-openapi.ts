import coerce from 'semver/functions/coerce';
import type { ValidationIssue } from '@app/core';
import { isRecord, missing, noMatch, notObject } from '../../config/issue-builders';
import type { ImportedTool } from '../from-server-json';
import { OPENAPI_METHODS, type OperationTool, toolOfOperation } from './openapi-operation';
import { OpenApiRefs } from './openapi-refs';

const OPENAPI_VERSION = /^3\.\d+\.\d+$/;
const MAX_TOOL_NAME = 64;

export interface OpenApiImport {
  tool?: ImportedTool;
  issues: ValidationIssue[];
  /** Where each generated tool came from (`['body', 'paths', path, method]`), by tool index. */
  sources: (string | number)[][];
}

/** `Weather API (v2)` → `weather-api-v2`. */
function slugOf(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 64);
  return slug.length >= 3 ? slug : `${slug || 'openapi'}-api`;
}

/** A tool name from the operationId (or method and path), made to fit the tool name pattern and unique. */
function toolName(op: Record<string, unknown>, method: string, path: string, taken: Set<string>): string {
  const raw = typeof op.operationId === 'string' && op.operationId ? op.operationId : `${method}_${path}`;
  const base = raw.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/__+/g, '_').replace(/^_+|_+$/g, '').slice(0, MAX_TOOL_NAME) || method;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, MAX_TOOL_NAME - String(n).length - 1)}_${n}`;
  taken.add(name);
  return name;
}

/** The API's base URL: the first server's, with its variables at their defaults; it must be absolute http(s). */
function baseUrlOf(doc: Record<string, unknown>, issues: ValidationIssue[]): string | undefined {
  const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  if (!isRecord(server) || typeof server.url !== 'string') {
    issues.push({ ...missing(['body', 'servers']), msg: 'servers[0].url is required: the base URL the tools call' });
    return undefined;
  }
  const variables = isRecord(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (m, name: string) => {
    const v = variables[name];
    return isRecord(v) && typeof v.default === 'string' ? v.default : m;
  });
  if (!/^https?:\/\/[^/{}]+/.test(url)) {
    issues.push({ loc: ['body', 'servers', 0, 'url'], msg: 'the base URL must be absolute http or https', type: 'value_error.url' });
    return undefined;
  }
  return url;
}

function toolsOf(doc: Record<string, unknown>, refs: OpenApiRefs, issues: ValidationIssue[]) {
  const tools: OperationTool[] = [];
  const sources: (string | number)[][] = [];
  const skipped: { operation: string; reason: string }[] = [];
  const taken = new Set<string>();
  for (const [path, rawItem] of Object.entries(doc.paths as Record<string, unknown>)) {
    const pathItem = refs.shallow(rawItem, ['body', 'paths', path]);
    if (!isRecord(pathItem)) {
      if (pathItem !== undefined) issues.push(notObject(['body', 'paths', path]));
      continue;
    }
    for (const method of OPENAPI_METHODS) {
      const op = pathItem[method];
      if (op === undefined) continue;
      if (!isRecord(op)) {
        issues.push(notObject(['body', 'paths', path, method]));
        continue;
      }
      const tool = toolOfOperation(pathItem, path, method, toolName(op, method, path, taken), refs, issues);
      if ('skipped' in tool) skipped.push({ operation: `${method.toUpperCase()} ${path}`, reason: tool.skipped });
      else {
        tools.push(tool);
        sources.push(['body', 'paths', path, method]);
      }
    }
  }
  return { tools, sources, skipped };
}

/**
 * Reads an OpenAPI 3 document into a draft tool whose server is the API (`transport: "http"`) and
 * whose tools are its operations. Operations that cannot be called as JSON are listed in the
 * config's `openapi.skipped` rather than dropped silently. Security schemes are not imported: the
 * API's credentials go into the server's `headers` (sealed) afterwards.
 */
export function fromOpenApi(doc: unknown): OpenApiImport {
  if (!isRecord(doc)) return { issues: [notObject(['body'])], sources: [] };
  const issues: ValidationIssue[] = [];
  if (typeof doc.openapi !== 'string') issues.push({ ...missing(['body', 'openapi']), msg: 'an OpenAPI 3 document is required (field openapi, e.g. "3.1.0")' });
  else if (!OPENAPI_VERSION.test(doc.openapi)) issues.push(noMatch(['body', 'openapi'], OPENAPI_VERSION));
  const info = isRecord(doc.info) ? doc.info : {};
  if (!isRecord(doc.info)) issues.push(missing(['body', 'info']));
  else if (typeof info.title !== 'string' || !info.title.trim()) issues.push(missing(['body', 'info', 'title']));
  const version = typeof info.version === 'string' ? coerce(info.version)?.version : undefined;
  if (isRecord(doc.info) && !version) issues.push({ loc: ['body', 'info', 'version'], msg: 'a version such as 1.2.0 (or 1.2, v1) is required', type: 'value_error.version' });
  const url = baseUrlOf(doc, issues);
  if (!isRecord(doc.paths)) issues.push(isRecord(doc) && doc.paths === undefined ? missing(['body', 'paths']) : notObject(['body', 'paths']));
  if (issues.length > 0) return { issues, sources: [] };

  const refs = new OpenApiRefs(doc);
  const { tools, sources, skipped } = toolsOf(doc, refs, issues);
  issues.push(...refs.issues);
  if (tools.length === 0 && issues.length === 0) issues.push({ loc: ['body', 'paths'], msg: 'the document has no operation to import', type: 'value_error.empty' });
  if (issues.length > 0) return { issues, sources };
  const title = (info.title as string).trim();
  const config = {
    servers: [{ name: 'api', transport: 'http', url }],
    tools,
    openapi: { title, version: info.version, ...(skipped.length ? { skipped } : {}) },
  };
  const description = typeof info.description === 'string' && info.description ? info.description : title;
  return { tool: { name: title.slice(0, 255), slug: slugOf(title), description, version: version as string, config }, issues, sources };
}
