import { schemas } from '@asyncapi/specs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Platform } from './support/platform';

/** Every `$ref` in a document, so a test can check each one resolves inside it. */
function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [v] : refsOf(v)));
}

function resolve(document: unknown, pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), document);
}

describe('the AsyncAPI document (/api/asyncapi.json)', () => {
  const platform = new Platform();
  let document: any;

  beforeAll(async () => {
    await platform.start();
    const res = await fetch(`${platform.api.url}/api/asyncapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    document = await res.json();
  });
  afterAll(() => platform.stop());

  it('is public and valid against the AsyncAPI 3.0.0 JSON schema of @asyncapi/specs', () => {
    // The schema embeds its own draft-07 meta-schema, which Ajv would otherwise hold twice.
    const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
    addFormats(ajv);
    const validate = ajv.compile(schemas['3.0.0']);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    expect(document.asyncapi).toBe('3.0.0');
  });

  it('has no dangling $ref', () => {
    const dangling = refsOf(document).filter((ref) => resolve(document, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it('describes /ws, Socket.IO and SSE with the events, the subscribe messages and the credentials', () => {
    expect(Object.values(document.channels).map((c: any) => c.address)).toEqual(['/ws', '/socket.io', '/events']);
    const names = Object.values(document.components.messages).map((m: any) => m.name);
    expect(names).toEqual(expect.arrayContaining(['subscribe', 'unsubscribe', 'ping', 'task_update', 'deployment_status', 'error', 'connect_error']));
    expect(document.channels.ws.description).toContain('4401');
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearer', 'apiKey', 'queryToken']);
    expect(document.servers.websocket.host).toBe(`localhost:${platform.api.port}`);
  });

  it('is linked from the OpenAPI description, with the guide pages as repository paths', async () => {
    const openApi = (await (await fetch(`${platform.api.url}/api/docs-json`)).json()) as { info: { description: string } };
    const description: string = openApi.info.description;
    expect(description).toContain('(/api/asyncapi.json)');
    for (const page of ['walkthrough', 'deployments', 'realtime', 'errors', 'configuration', 'operations']) expect(description).toContain(`docs/${page}.md`);
    expect(description).not.toMatch(/https?:\/\//);
  });
});
