import { readRegisteredTool } from '../subject/analysis-subject';
import { aConfig, aServer, aTool, findingsOf } from '../testing/analysis.factories';
import {
  invalidToolNames,
  malformedLists,
  missingServers,
  missingTools,
  tooManyTools,
  unusableServers,
} from './config-structure.rules';

describe('config structure rules', () => {
  it('flag servers and tools that are not lists', () => {
    expect(findingsOf(malformedLists, { servers: {}, tools: 'get_weather' }).map((f) => f.code)).toEqual([
      'structure.servers-not-a-list',
      'structure.tools-not-a-list',
    ]);
  });

  it('leave a proposal without servers or tools to be judged on its intent', () => {
    const proposal = { name: 'Idea', description: 'A tool that summarises support tickets' };

    expect([...findingsOf(missingServers, proposal), ...findingsOf(missingTools, proposal)]).toEqual([]);
  });

  it('require a server once tools are declared', () => {
    expect(findingsOf(missingServers, aConfig({ servers: [] }))).toMatchObject([{ code: 'structure.no-servers', severity: 'high' }]);
  });

  it('note a server without declared tools', () => {
    expect(findingsOf(missingTools, aConfig({ tools: undefined }))).toMatchObject([{ code: 'structure.no-tools', severity: 'low' }]);
  });

  it('require both from a registered tool', () => {
    const subject = readRegisteredTool({ name: 'x', config: {} });

    expect([...missingServers(subject), ...missingTools(subject)].map((f) => f.code)).toEqual([
      'structure.no-servers',
      'structure.no-tools',
    ]);
  });

  it('flag servers with neither an http(s) url nor a command', () => {
    const config = aConfig({ servers: [aServer(), { name: 'ftp', url: 'ftp://files.example.org' }, 'x'] });

    expect(findingsOf(unusableServers, config)).toMatchObject([
      { message: 'Servers ftp and servers[2] have neither an http(s) url nor a command' },
    ]);
  });

  it('flag missing, invalid and duplicated tool names', () => {
    const config = aConfig({ tools: [aTool(), aTool(), aTool({ name: 'get weather!' }), { description: 'nameless' }] });

    expect(findingsOf(invalidToolNames, config)).toMatchObject([
      { severity: 'medium', message: 'Tool names get weather!, tools[3] and get_weather are missing, invalid or duplicated' },
    ]);
  });

  it.each([
    [40, []],
    [41, [{ severity: 'low' }]],
    [129, [{ severity: 'medium' }]],
  ])('rate %i tools by how many clients can handle', (count, expected) => {
    const tools = Array.from({ length: count }, (_, i) => aTool({ name: `tool_${i}` }));

    expect(findingsOf(tooManyTools, aConfig({ tools }))).toMatchObject(expected);
  });
});
