import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

interface MediaType {
  schema?: Schema;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: unknown;
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, Schema> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of the document with its path template and method. */
export function operations(document: OpenApiDocument): { path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })),
  );
}

/**
 * The document's schemas as JSON Schema for ajv. Objects are closed: a field the api sends but the
 * document does not declare is drift too (schemas that say `additionalProperties` keep their word).
 * OpenAPI 3.0's `nullable` becomes "null or the schema" (ajv's own `nullable` only relaxes `type`,
 * not an `allOf` of a referenced DTO).
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'example' ? value : toJsonSchema(value)]));
  if (schema.properties && schema.additionalProperties === undefined && !schema.allOf) schema.additionalProperties = false;
  if (schema.nullable !== true) return schema;
  const { nullable: _nullable, ...rest } = schema;
  return { anyOf: [{ type: 'null' }, rest] };
}

const DOC_ID = 'openapi';

/**
 * Checks a real response against the OpenAPI document: its status must be declared for the
 * operation, and a JSON body must match the declared schema ($refs resolved within the document).
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: { method: string; template: string; pattern: RegExp; params: number; operation: Operation }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    // Refs inside the document are relative (#/components/...); anchoring them on the document's id
    // lets each response schema compile on its own.
    const anchored = JSON.parse(JSON.stringify(toJsonSchema(document)).replaceAll('"#/components/', `"${DOC_ID}#/components/`)) as OpenApiDocument;
    this.ajv.addSchema({ $id: DOC_ID, components: anchored.components });
    this.routes = operations(anchored).map(({ path, method, operation }) => ({
      method,
      template: path,
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      params: (path.match(/\{/g) ?? []).length,
      operation,
    }));
    // Compiled up front, once per document: compiling lazily would add to the time of the request
    // that first meets a schema, and some suites time requests.
    for (const { operation } of this.routes) {
      for (const response of Object.values(operation.responses)) {
        const schema = response.content?.['application/json']?.schema;
        if (schema) this.validator(schema);
      }
    }
  }

  /** The documented operation a request reaches, preferring literal segments (`/mcps/import` over `/mcps/{id}`). */
  find(method: string, path: string): { template: string; operation: Operation } | undefined {
    const pathname = new URL(path, 'http://x').pathname;
    return this.routes
      .filter((r) => r.method === method.toLowerCase() && r.pattern.test(pathname))
      .sort((a, b) => a.params - b.params)[0];
  }

  /** Problems with a response, empty when it matches the document (or reaches no documented operation). */
  check(method: string, path: string, status: number, headers: Headers, body: unknown, text: string): string[] {
    const route = this.find(method, path);
    if (!route) return [];
    const where = `${method.toUpperCase()} ${route.template} → ${status}`;
    const declared = route.operation.responses[String(status)] ?? route.operation.responses.default;
    if (!declared) return [`${where}: status not declared (declared: ${Object.keys(route.operation.responses).join(', ')})`];
    const missing = Object.entries(declared.headers ?? {}).filter(([name, header]) => header.required && !headers.has(name));
    if (missing.length) return [`${where}: required header ${missing.map(([name]) => name).join(', ')} not sent`];
    const mediaType = (headers.get('content-type') ?? '').split(';')[0].trim();
    if (!text) return declared.content ? [`${where}: empty body, document declares ${Object.keys(declared.content).join(', ')}`] : [];
    const content = declared.content?.[mediaType];
    if (!content) return [`${where}: ${mediaType || 'no content type'} not declared (declared: ${Object.keys(declared.content ?? {}).join(', ') || 'no body'})`];
    if (mediaType !== 'application/json' || !content.schema) return [];
    const validate = this.validator(content.schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  }

  private validator(schema: Schema): ValidateFunction {
    // Most responses share a few schemas (the error schema above all): compile each once.
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

const apis = new Set<string>();
const validators = new Map<string, Promise<OpenApiValidator | undefined>>();
const byDocument = new Map<string, OpenApiValidator>();

/** Marks a base URL as one of our api processes: responses from it are checked against its /api/docs-json. */
export function registerApi(baseUrl: string): void {
  apis.add(baseUrl);
}

async function load(baseUrl: string): Promise<OpenApiValidator | undefined> {
  const response = await fetch(`${baseUrl}/api/docs-json`);
  // 503 and the like: an api that cannot answer yet; anything else without a document is not ours.
  if (response.status >= 500) throw new Error(`${baseUrl}/api/docs-json answered ${response.status}`);
  const text = await response.text();
  if (!response.ok) return undefined;
  // Every api of a run serves the same build, so one compiled validator serves them all.
  let validator = byDocument.get(text);
  if (!validator) byDocument.set(text, (validator = new OpenApiValidator(JSON.parse(text) as OpenApiDocument)));
  return validator;
}

/** The validator of a registered api, or undefined (not our api, or it cannot serve its document right now). */
export async function validatorFor(baseUrl: string): Promise<OpenApiValidator | undefined> {
  if (!apis.has(baseUrl)) return undefined;
  let pending = validators.get(baseUrl);
  if (!pending) {
    // An api that is down or stopping cannot serve its document; try again on the next request.
    pending = load(baseUrl).catch(() => {
      validators.delete(baseUrl);
      return undefined;
    });
    validators.set(baseUrl, pending);
  }
  return pending;
}
