import { fromOpenApi } from './from-openapi';

const doc = (extra: Record<string, unknown> = {}) => ({
  openapi: '3.0.3',
  info: { title: 'Pet Store', version: 'v1' },
  servers: [{ url: 'https://pets.example.com/api' }],
  paths: {
    '/pets/{id}': {
      get: { operationId: 'get pet!', parameters: [{ name: 'id', in: 'path', schema: { $ref: '#/components/schemas/Id' } }] },
      put: {
        operationId: 'updatePet',
        parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } },
      },
    },
    '/tree': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } } },
  },
  components: { schemas: { Id: { type: 'integer' }, Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } } } },
  ...extra,
});

describe('fromOpenApi', () => {
  it('turns operations into REST tools: sanitized names, resolved refs, a colliding body as one parameter, recursion cut', () => {
    const { tool, issues } = fromOpenApi(doc());
    expect(issues).toEqual([]);
    expect(tool).toMatchObject({ name: 'Pet Store', slug: 'pet-store', version: '1.0.0' });
    const tools = tool!.config.tools as Record<string, any>[];
    expect(tools.map((t) => t.name)).toEqual(['get_pet', 'updatePet', 'post_tree']);
    expect(tools[0]).toMatchObject({ parameters: { id: { type: 'integer' } }, required: ['id'], http: { method: 'GET', path: '/pets/{id}' } });
    expect(tools[1]).toMatchObject({ parameters: { id: { type: 'string' }, body: { type: 'object' } }, http: { method: 'PUT', body: 'body' } });
    expect(tools[2]).toMatchObject({ parameters: { child: {} }, http: { method: 'POST', path: '/tree', body: ['child'] } });
    expect(tool!.config.servers).toEqual([{ name: 'api', transport: 'http', url: 'https://pets.example.com/api' }]);
  });

  it('names the field of each problem of a bad document', () => {
    const bad = fromOpenApi({ swagger: '2.0', info: { title: '' }, servers: [{ url: '/relative' }], paths: [] });
    expect(bad.issues.map((i) => i.loc.join('.'))).toEqual(['body.openapi', 'body.info.title', 'body.info.version', 'body.servers.0.url', 'body.paths']);
    const ref = fromOpenApi(doc({ paths: { '/x': { get: { parameters: [{ $ref: 'other.yaml#/P' }] } } } }));
    expect(ref.issues.map((i) => i.loc.join('.'))).toEqual(['body.paths./x.get.parameters.0.$ref']);
  });
});
