import { validateToolConfig } from './validate-tool-config';

const server = { name: 'api', transport: 'http', url: 'https://api.example.com' };
let n = 0;
const tool = (http: unknown, extra: Record<string, unknown> = {}) => ({ name: `t${n++}`, parameters: { id: { type: 'string' } }, http, ...extra });
const locs = (config: Record<string, unknown>) => validateToolConfig(config).map((i) => [i.loc.join('.'), i.type]);

describe('tools[].http (REST mapping)', () => {
  it('accepts a full mapping', () => {
    const http = { server: 'api', method: 'GET', path: '/x/{id}', query: ['id'], header_params: { 'X-Id': 'id' }, headers: { 'X-Key': 'k' } };
    expect(locs({ servers: [server], tools: [tool(http, { required: ['id'] })] })).toEqual([]);
  });

  it('names the exact field of each problem', () => {
    expect(
      locs({
        servers: [server],
        tools: [
          tool({ server: 'other', method: 'GET', path: 'x/{id}', body: ['id'] }),
          tool({ path: '/x/{nope}', headers: { 'Content-Length': '1', 'X-Ok': 2 }, body: 'missing' }, { required: ['zz'] }),
          tool('GET'),
        ],
      }),
    ).toEqual([
      ['tools.1.required.0', 'value_error.unknown_parameter'],
      ['tools.0.http.server', 'type_error.enum'],
      ['tools.0.http.path', 'value_error.path'],
      ['tools.0.http.body', 'value_error.body_not_allowed'],
      ['tools.1.http.path', 'value_error.unknown_parameter'],
      ['tools.1.http.headers.Content-Length', 'value_error.header_reserved'],
      ['tools.1.http.headers.X-Ok', 'type_error.str'],
      ['tools.1.http.body', 'value_error.unknown_parameter'],
      ['tools.2.http', 'type_error.dict'],
    ]);
  });

  it('needs an http server for a mapping', () => {
    expect(locs({ servers: [{ name: 'm', url: 'https://x' }], tools: [tool({})] })).toEqual([['tools.0.http', 'value_error.no_http_server']]);
  });
});
