import { validateToolConfig } from './validate-tool-config';

const valid = {
  servers: [
    { name: 'weather-server', url: 'http://api.weather.com' },
    { name: 'local', transport: 'stdio', command: 'npx', args: ['-y', '@acme/mcp'] },
  ],
  tools: [{ name: 'get_weather', description: 'Get weather', parameters: { location: { type: 'string', description: 'City' } } }],
  owner_team: 'weather',
};

describe('validateToolConfig', () => {
  it('accepts the contract example and custom metadata keys', () => {
    expect(validateToolConfig(valid)).toEqual([]);
  });

  it('requires an object', () => {
    expect(validateToolConfig([])).toEqual([expect.objectContaining({ loc: [], type: 'type_error.dict' })]);
  });

  it('checks servers: name, http(s) url, stdio command, transport', () => {
    const issues = validateToolConfig({
      servers: [{ url: 'https://ok' }, { name: 's', url: 'ftp://x' }, { name: 's', transport: 'stdio' }, { name: 's', url: 'https://x', transport: 'carrier-pigeon' }, 'x'],
    });
    expect(issues).toEqual([
      expect.objectContaining({ loc: ['servers', 0, 'name'], type: 'value_error.missing' }),
      expect.objectContaining({ loc: ['servers', 1, 'url'], type: 'value_error.url.scheme' }),
      expect.objectContaining({ loc: ['servers', 2, 'command'], type: 'value_error.missing' }),
      expect.objectContaining({ loc: ['servers', 3, 'transport'], type: 'type_error.enum' }),
      expect.objectContaining({ loc: ['servers', 4], type: 'type_error.dict' }),
    ]);
  });

  it('checks tools: name pattern with ctx.pattern, uniqueness, parameter types', () => {
    const issues = validateToolConfig({
      tools: [
        { name: 'has space' },
        { name: 'dup' },
        { name: 'dup' },
        { name: 'typed', parameters: { a: { type: 'text' }, b: 'string' } },
      ],
    });
    expect(issues).toEqual([
      {
        loc: ['tools', 0, 'name'],
        msg: "string does not match regex '^[A-Za-z0-9_-]{1,64}$'",
        type: 'value_error.str.regex',
        ctx: { pattern: '^[A-Za-z0-9_-]{1,64}$' },
      },
      expect.objectContaining({ loc: ['tools', 3, 'parameters', 'a', 'type'], type: 'type_error.enum' }),
      expect.objectContaining({ loc: ['tools', 3, 'parameters', 'b'], type: 'type_error.dict' }),
      expect.objectContaining({ loc: ['tools', 2, 'name'], type: 'value_error.list.unique_items' }),
    ]);
  });

  it('rejects non-list servers and tools', () => {
    expect(validateToolConfig({ servers: {}, tools: 'x' }).map((i) => i.loc)).toEqual([['servers'], ['tools']]);
  });
});
