import { Agent } from 'node:http';
import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { casesFor, FUZZ_SEED, FuzzCase, OpenApiDoc, operationsOf, type Operation } from './support/fuzz-cases';
import { http } from './support/http';
import { Platform } from './support/platform';
import { rawRequest, RawResponse } from './support/raw-http';

const MIN_CASES_PER_OPERATION = 40;
const CONCURRENCY = 8;

/**
 * Every operation of /api/docs-json (so operations added later are covered without editing this
 * file) gets at least 40 malformed requests: wrong types, NUL and lone surrogates, huge and deep
 * values, prototype keys, nulls, wrong content types and encodings, bad ids and query values, as a
 * real admin and without valid credentials. No answer may be a 5xx, every 4xx has the contract's
 * `{detail, error_code}`, and the api and the worker are still alive afterwards.
 */
describe(`fuzzing every operation of the OpenAPI document (seed ${FUZZ_SEED})`, () => {
  // The per-principal limit would answer 429 long before the cases run out and hide the handlers.
  const platform = new Platform({ workers: 1, env: { RATE_LIMIT_DEFAULT_PER_MINUTE: '1000000' } });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let url: string;
  let admin: Account;
  let operations: Operation[];
  let doc: OpenApiDoc;
  const fixtures: Record<string, string> = {};

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    const user = await registerAndLogin(url);
    // An admin passes every permission check, so the fuzzed input reaches every handler.
    admin = await promoteToAdmin(platform, url, user);
    const as = { token: admin.token };
    const tool = await http(url, 'POST', '/api/v1/mcps', { ...as, json: CONTRACT.createTool });
    const document = await http(url, 'POST', '/api/v1/knowledge/documents', { ...as, json: { title: 'Fuzz', content: 'Fuzzing the MCP platform' } });
    const task = await http(url, 'POST', '/api/v1/analyze/feasibility', { ...as, json: CONTRACT.feasibility });
    const key = await http(url, 'POST', '/api/v1/auth/api-keys', { ...as, json: { name: 'fuzz' } });
    Object.assign(fixtures, {
      '/api/v1/mcps': tool.body.id,
      '/api/v1/knowledge/documents': document.body.document_id,
      '/api/v1/tasks': task.body.task_id,
      '/api/v1/auth/api-keys': key.body.id,
    });
    doc = (await http(url, 'GET', '/api/docs-json')).body;
    operations = operationsOf(doc);
  }, 90_000);
  afterAll(async () => {
    agent.destroy();
    await platform.stop();
  });

  /** Real ids first (the one whose collection the path is under leads), so handlers run past their 404s. */
  const idsFor = (template: string) => {
    const owner = Object.keys(fixtures).filter((prefix) => template.startsWith(`${prefix}/`)).sort((a, b) => b.length - a.length)[0];
    const all = Object.values(fixtures);
    return owner ? [fixtures[owner], ...all.filter((id) => id !== fixtures[owner])] : all;
  };

  const credentials = (auth: FuzzCase['auth']): Record<string, string> =>
    ({
      user: { authorization: `Bearer ${admin.token}` },
      none: {},
      'bad-bearer': { authorization: 'Bearer not.a.jwt\u00e9' },
      'bad-api-key': { 'x-api-key': 'mcp_live_not-a-real-key' },
    })[auth];

  /** What is wrong with an answer, or undefined when it is acceptable. */
  function verdict(res: RawResponse): string | undefined {
    if (res.status >= 500) return `status ${res.status}`;
    if (res.status < 400) return undefined;
    let body: { detail?: unknown; error_code?: unknown };
    try {
      body = JSON.parse(res.text);
    } catch {
      return `4xx body is not JSON (${res.contentType})`;
    }
    const detailOk =
      typeof body.detail === 'string' ||
      (Array.isArray(body.detail) && body.detail.every((d: { loc?: unknown; msg?: unknown; type?: unknown }) => Array.isArray(d.loc) && typeof d.msg === 'string' && typeof d.type === 'string'));
    return detailOk && typeof body.error_code === 'string' ? undefined : 'error shape is not {detail, error_code}';
  }

  async function run(cases: FuzzCase[]): Promise<string[]> {
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const headers = { ...c.headers, ...credentials(c.auth) };
        const res = await rawRequest(url, { method: c.method, path: c.path, headers, body: c.body }, agent).catch(
          (err: Error): RawResponse => ({ status: 599, contentType: '', text: `connection error: ${err.message}` }),
        );
        const problem = verdict(res);
        if (problem) failures.push(`${c.method} ${c.path.slice(0, 120)} [${c.label}, ${c.auth}] → ${problem}: ${res.text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return failures;
  }

  it('reads every operation from the document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(33);
  });

  it('answers every malformed request with a 4xx in the contract shape (or a success), never a 5xx', async () => {
    // Deletions last, so the fixtures the other operations use exist while they run.
    const ordered = [...operations.filter((op) => op.method !== 'DELETE'), ...operations.filter((op) => op.method === 'DELETE')];
    const perOperation = ordered.map((op) => ({ op, cases: casesFor(op, doc, idsFor(op.template)) }));
    const tooFew = perOperation.filter(({ cases }) => cases.length < MIN_CASES_PER_OPERATION).map(({ op }) => `${op.method} ${op.template}`);
    expect(tooFew).toEqual([]);
    const total = perOperation.reduce((sum, { cases }) => sum + cases.length, 0);
    console.log(`fuzz: ${total} requests over ${perOperation.length} operations (seed ${FUZZ_SEED})`);
    const failures: string[] = [];
    for (const group of [perOperation.filter(({ op }) => op.method !== 'DELETE'), perOperation.filter(({ op }) => op.method === 'DELETE')]) {
      failures.push(...(await run(group.flatMap(({ cases }) => cases))));
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('leaves the api and the worker alive, with no unhandled error logged', async () => {
    for (const service of [platform.api, ...platform.workers]) {
      expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    }
    const unhandled = platform.api.logs().split('\n').filter((line) => line.includes('Unhandled error'));
    expect(unhandled.map((line) => line.slice(0, 600))).toEqual([]);
  });
});
