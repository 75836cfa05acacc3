import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../../../test/fixtures/server.schema.json';
import { fromServerJson } from './from-server-json';
import { toServerJson } from './to-server-json';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const weather = {
  name: 'Weather MCP Tool',
  slug: 'weather-tool',
  description: 'Provides weather information via MCP protocol',
  version: '1.0.0',
  config: {
    servers: [
      { name: 'weather-server', url: 'http://api.weather.com' },
      { name: 'events', url: 'https://events.example.com/sse', transport: 'sse' },
      { name: 'local', transport: 'stdio', command: 'npx', args: ['-y', '@acme/weather-mcp@2.1.0'] },
      { name: 'python', transport: 'stdio', command: 'uvx', args: ['weather-mcp==0.3.1'] },
      { name: 'script', transport: 'stdio', command: './run.sh', args: [] },
    ],
    tools: [{ name: 'get_weather', description: 'Get weather', parameters: { location: { type: 'string' } } }],
  },
};

describe('server.json interchange', () => {
  it('exports a document valid against the official schema', () => {
    const doc = toServerJson(weather);
    expect(validate(doc)).toBe(true);
    expect(doc).toMatchObject({
      name: 'io.mcp-platform/weather-tool',
      version: '1.0.0',
      remotes: [
        { type: 'streamable-http', url: 'http://api.weather.com' },
        { type: 'sse', url: 'https://events.example.com/sse' },
      ],
      packages: [
        { registryType: 'npm', identifier: '@acme/weather-mcp', version: '2.1.0', transport: { type: 'stdio' } },
        { registryType: 'pypi', identifier: 'weather-mcp', version: '0.3.1', transport: { type: 'stdio' } },
      ],
    });
  });

  it('keeps the description within 100 characters at a word boundary', () => {
    const doc = toServerJson({ ...weather, description: 'word '.repeat(40) });
    expect(doc.description.length).toBeLessThanOrEqual(100);
    expect(doc.description.endsWith('…')).toBe(true);
    expect(validate(doc)).toBe(true);
  });

  it('round-trips: export → import → export yields the same document', () => {
    const first = toServerJson(weather);
    const { tool, issues } = fromServerJson(first);
    expect(issues).toEqual([]);
    expect(tool).toMatchObject({ slug: 'weather-tool', name: 'Weather MCP Tool', version: '1.0.0' });
    expect(toServerJson(tool!)).toEqual(first);
  });

  it('reports bad documents as 422 issues', () => {
    expect(fromServerJson({ name: 'no-slash', version: 'latest' }).issues.map((i) => i.loc)).toEqual([
      ['body', 'name'],
      ['body', 'description'],
      ['body', 'version'],
    ]);
    expect(fromServerJson({ name: 'a/b', description: 'd', version: '1.0.0', packages: [{ registryType: 'nuget' }] }).issues[0].loc).toEqual([
      'body',
      'packages',
      0,
    ]);
  });
});
