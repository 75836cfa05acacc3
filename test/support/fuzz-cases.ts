import { deflateSync } from 'node:zlib';
import fc from 'fast-check';

/** Fixed, so that a failure reproduces; change it to explore, never to make a failure go away. */
export const FUZZ_SEED = 20261126;

type Schema = { $ref?: string; type?: string; format?: string; enum?: unknown[]; example?: unknown; default?: unknown; minimum?: number; items?: Schema; properties?: Record<string, Schema> };
interface Parameter { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }
export interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  template: string;
  parameters: Parameter[];
  bodySchema?: Schema;
}

export type Auth = 'user' | 'none' | 'bad-bearer' | 'bad-api-key';

export interface FuzzCase {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  auth: Auth;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        parameters: op.parameters ?? [],
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

function resolve(schema: Schema | undefined, doc: OpenApiDoc): Schema {
  const name = schema?.$ref?.split('/').pop();
  return (name ? doc.components?.schemas?.[name] : schema) ?? {};
}

/** A plausible value for a schema (its example, else something of its type), so one field at a time can be broken. */
function sample(schema: Schema | undefined, doc: OpenApiDoc, id: string, depth = 0): unknown {
  const s = resolve(schema, doc);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  if (s.format === 'uuid') return id;
  if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  switch (s.type) {
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth < 4 ? [sample(s.items, doc, id, depth + 1)] : [];
    case 'string':
      return 'sample';
    case undefined: // an untyped schema: treated as an object like any other type
    default:
      return depth < 4 ? Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, doc, id, depth + 1)])) : {};
  }
}

const nested = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);

/** Hostile strings: NUL, lone surrogates, control and non-BMP characters, from fast-check and by hand. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\ud800\ud800', '\uffff', '\u202e', '%00', '../../etc/passwd', "' OR 1=1 --"),
);
const fuzzJson = fc.jsonValue({ maxDepth: 4 });

/** Raw JSON texts for a field: wrong types, nulls, NUL/surrogates, huge and deep values, prototype keys. */
function badFieldValues(seed: number): string[] {
  return [
    'null',
    '123',
    '-1',
    '1e308',
    '99999999999999999999',
    'true',
    '[]',
    '{}',
    '"\\u0000"',
    '"\\ud800x"',
    JSON.stringify('x'.repeat(200_000)),
    nested(100),
    '{"constructor":{"a":1},"__proto__":{"b":2},"prototype":{}}',
    ...fc.sample(nastyString, { seed, numRuns: 2 }).map((s) => JSON.stringify(s)),
  ];
}

/** Values for a query parameter, already percent-encoded where they must be. */
function badQueryValues(seed: number): string[] {
  return [
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%E0%A4%A',
    '1e20',
    '99999999999999999999',
    '-1',
    '0',
    '1.5',
    '',
    'x'.repeat(10_000),
    '%5Bobject%20Object%5D',
    ...fc.sample(nastyString, { seed, numRuns: 3 }).map(encodeURIComponent),
  ];
}

const BAD_IDS = ['not-a-uuid', '%00', '%E0%A4%A', '%ED%A0%80', 'a'.repeat(5_000), '..%2F..%2Fetc%2Fpasswd', '00000000-0000-0000-0000-000000000000', '%20', 'null'];

export function casesFor(op: Operation, doc: OpenApiDoc, ids: string[], seed = FUZZ_SEED): FuzzCase[] {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const fill = (override: Record<string, string> = {}) =>
    op.template.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? ids[0]);
  const path = fill();
  const json = { 'content-type': 'application/json' };
  const valid = op.bodySchema ? (sample(op.bodySchema, doc, ids[0]) as Record<string, unknown>) : undefined;
  const validText = JSON.stringify(valid ?? {});
  const at = (label: string, extra: Partial<FuzzCase>): FuzzCase => ({ label, method: op.method, path, headers: json, body: validText, auth: 'user', ...extra });

  const cases: FuzzCase[] = [
    at('no credentials', { auth: 'none' }),
    at('garbage bearer token', { auth: 'bad-bearer' }),
    at('unknown API key', { auth: 'bad-api-key' }),
    at('malformed JSON', { body: '{"a":' }),
    at('body is a list', { body: '[]' }),
    at('body is a string', { body: '"text"' }),
    at('body is a number', { body: '123' }),
    at('body is null', { body: 'null' }),
    at('empty body', { body: undefined }),
    at('text/plain body', { headers: { 'content-type': 'text/plain' }, body: 'hello' }),
    at('form body', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=2' }),
    at('xml body', { headers: { 'content-type': 'application/xml' }, body: '<a>1</a>' }),
    at('no content type', { headers: {}, body: validText }),
    at('gzip garbage', { headers: { ...json, 'content-encoding': 'gzip' }, body: 'garbage' }),
    at('deflate garbage', { headers: { ...json, 'content-encoding': 'deflate' }, body: 'garbage' }),
    at('truncated deflate', { headers: { ...json, 'content-encoding': 'deflate' }, body: deflateSync(validText).subarray(0, 4) }),
    at('brotli garbage', { headers: { ...json, 'content-encoding': 'br' }, body: 'garbage' }),
    at('unsupported encoding', { headers: { ...json, 'content-encoding': 'compress' }, body: validText }),
    at('unsupported charset', { headers: { 'content-type': 'application/json; charset=utf-16' }, body: validText }),
    at('invalid UTF-8 bytes', { body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }),
    at('body over the size limit', { body: `{"a":"${'x'.repeat(1_100_000)}"}` }),
    at('50,000-level body', { body: '['.repeat(50_000) + ']'.repeat(50_000) }),
    at('5,000-level field', { body: `{"config":${nested(5_000)}}` }),
    at('__proto__ key', { body: '{"__proto__":{"isAdmin":true}}' }),
    at('constructor key', { body: '{"constructor":{"prototype":{"x":1}}}' }),
    at('NUL key', { body: '{"\\u0000":1}' }),
    at('lone surrogate key', { body: '{"\\ud800":1}' }),
    at('number beyond double', { body: '{"a":1e999}' }),
    at('prototype keys in the query', { path: `${path}?__proto__[x]=1&constructor=1` }),
    at('NUL in an unknown query parameter', { path: `${path}?q=%00` }),
    at('page beyond bigint', { path: `${path}?page=1e20&page_size=-1` }),
    at('repeated query parameter', { path: `${path}?page=1&page=2` }),
    at('malformed percent-encoding', { path: `${path}?x=%E0%A4%A` }),
    ...fc.sample(fuzzJson, { seed, numRuns: 8 }).map((value, i) => at(`fast-check body #${i}`, { body: JSON.stringify(value) })),
  ];
  for (const param of pathParams) {
    for (const bad of BAD_IDS) cases.push(at(`path ${param.name}=${bad.slice(0, 40)}`, { path: fill({ [param.name]: bad }) }));
    for (const id of ids.slice(1)) cases.push(at(`path ${param.name}=another resource's id`, { path: fill({ [param.name]: id }) }));
    cases.push(at(`path ${param.name} in upper case`, { path: fill({ [param.name]: ids[0].toUpperCase() }) }));
  }
  for (const param of queryParams) {
    for (const bad of badQueryValues(seed)) cases.push(at(`query ${param.name}=${bad.slice(0, 40)}`, { path: `${path}?${param.name}=${bad}` }));
  }
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    cases.push(at('valid body', {}), at('valid body and an unknown field', { body: JSON.stringify({ ...valid, unexpected: 1 }) }));
    for (const field of Object.keys(valid)) {
      for (const bad of badFieldValues(seed)) {
        const body = JSON.stringify({ ...valid, [field]: '__BAD__' }).replace('"__BAD__"', bad);
        cases.push(at(`body ${field}=${bad.slice(0, 40)}`, { body }));
      }
    }
  }
  return cases;
}
