import { buildRestRequest } from './rest-request';
import { restToolsOf } from './rest-tools';

const config = (tool: Record<string, unknown>) => ({
  servers: [{ name: 'api', transport: 'http', url: 'https://api.example.com/v1/', headers: { Authorization: 'Bearer s3cret' } }],
  tools: [{ name: 't', parameters: { id: { type: 'string' }, q: { type: 'string' }, n: { type: 'integer' }, payload: { type: 'object' } }, ...tool }],
});

const build = (tool: Record<string, unknown>, args: Record<string, unknown>) => buildRestRequest(restToolsOf(config(tool))[0], args);

describe('buildRestRequest', () => {
  it('fills the path with encoded values, so an argument cannot add segments or a query', () => {
    const { url } = build({ http: { method: 'GET', path: '/items/{id}' } }, { id: '../admin?x=1' });
    expect(url).toBe('https://api.example.com/v1/items/..%2Fadmin%3Fx%3D1');
  });

  it('sends unused arguments of a GET as query and of a POST as the JSON body', () => {
    expect(build({ http: { method: 'GET', path: '/items' } }, { q: 'a b', n: 3 }).url).toBe('https://api.example.com/v1/items?q=a+b&n=3');
    const post = build({ http: { method: 'POST', path: '/items/{id}' } }, { id: '7', q: 'x', n: 2 });
    expect(post.url).toBe('https://api.example.com/v1/items/7');
    expect(JSON.parse(post.init.body!)).toEqual({ q: 'x', n: 2 });
    expect(post.init.headers).toMatchObject({ authorization: 'Bearer s3cret', 'content-type': 'application/json' });
  });

  it('honours explicit query, header_params and a single-argument body', () => {
    const req = build({ http: { method: 'PUT', path: '/items', query: ['q'], header_params: { 'X-N': 'n' }, body: 'payload' } }, { q: 'z', n: 5, payload: { a: 1 } });
    expect(req.url).toBe('https://api.example.com/v1/items?q=z');
    expect(req.init.headers['x-n']).toBe('5');
    expect(req.init.body).toBe('{"a":1}');
  });

  it('defaults to POST {url}/{tool name} with the arguments as body', () => {
    const req = build({}, { q: 'x' });
    expect([req.init.method, req.url, req.init.body]).toEqual(['POST', 'https://api.example.com/v1/t', '{"q":"x"}']);
  });
});

describe('restToolsOf', () => {
  it('requires every path placeholder in the input schema', () => {
    const [tool] = restToolsOf(config({ required: ['q'], http: { method: 'GET', path: '/items/{id}' } }));
    expect(tool.tool.inputSchema.required).toEqual(['q', 'id']);
  });
});
