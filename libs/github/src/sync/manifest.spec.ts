import { manifestFormatOf, readManifest } from './manifest';

const config = { servers: [{ name: 'weather-server', url: 'http://api.weather.com' }], tools: [] };
const mcpJson = (extra: object = {}) => JSON.stringify({ name: 'Weather', description: 'Weather tool', version: '1.2.0', config, ...extra });
const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (err: { status: number; detail: unknown }) => err);

describe('readManifest', () => {
  it('reads an mcp.json (a POST /mcps body) without a slug', async () => {
    await expect(readManifest(mcpJson(), 'mcp.json', 'weather-tool')).resolves.toEqual({ name: 'Weather', description: 'Weather tool', version: '1.2.0', config });
  });

  it('fails like a POST would: 422 with {loc, msg, type} per field', async () => {
    const err = await rejection(readManifest(mcpJson({ version: 'one', extra: 1 }), 'mcp.json', 'weather-tool'));
    expect(err).toMatchObject({ status: 422 });
    expect(err?.detail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ loc: ['body', 'version'], type: 'value_error.str.regex' }),
        expect.objectContaining({ loc: ['body', 'extra'], type: 'value_error.extra' }),
      ]),
    );
  });

  it('refuses a slug other than the tool’s, and text that is not JSON', async () => {
    expect((await rejection(readManifest(mcpJson({ slug: 'other-tool' }), 'mcp.json', 'weather-tool')))?.detail).toEqual([
      expect.objectContaining({ loc: ['body', 'slug'] }),
    ]);
    expect((await rejection(readManifest('{"name":', 'tools/mcp.json', 'weather-tool')))?.detail).toEqual([
      expect.objectContaining({ loc: ['body'], type: 'value_error.jsondecode' }),
    ]);
  });

  it('reads a server.json through the registry interchange code, and reports its problems the same way', async () => {
    const doc = { name: 'io.github.user/weather', description: 'Weather', version: '2.0.0', remotes: [{ type: 'streamable-http', url: 'https://w.example.com/mcp' }] };
    const tool = await readManifest(JSON.stringify(doc), 'server.json', 'weather-tool');
    expect(tool).toMatchObject({ version: '2.0.0', config: { servers: [{ url: 'https://w.example.com/mcp', transport: 'streamable-http' }] } });
    const err = await rejection(readManifest(JSON.stringify({ ...doc, version: 'latest' }), 'deploy/server.json', 'weather-tool'));
    expect(err?.detail).toEqual([expect.objectContaining({ loc: ['body', 'version'] })]);
  });

  it('chooses the format by file name', () => {
    expect(manifestFormatOf('server.json')).toBe('server.json');
    expect(manifestFormatOf('deploy/server.json')).toBe('server.json');
    expect(manifestFormatOf('mcp.json')).toBe('mcp.json');
    expect(manifestFormatOf('tools/my-server.json')).toBe('mcp.json');
  });
});
