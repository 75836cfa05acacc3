import { aConfig, aTool, findingsOf } from '../testing/analysis.factories';
import { filesystemWrite } from './filesystem-access.rules';

const filesystemServer = (path: string) => ({
  name: 'fs',
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-filesystem', path],
});

describe('filesystem write rule', () => {
  it.each([
    ['the description', aConfig({ description: 'Write files into the shared workspace' })],
    ['a tool name', aConfig({ tools: [aTool({ name: 'delete_file' })] })],
    ['a requirement', aConfig({ requirements: { filesystem_write: true } })],
    ['the reference filesystem server', aConfig({ servers: [filesystemServer('/srv/data')] })],
  ])('flags filesystem writes found in %s', (_, config) => {
    expect(findingsOf(filesystemWrite, config)).toMatchObject([{ code: 'filesystem.write', severity: 'medium' }]);
  });

  it.each(['/', '~', '/etc', 'C:\\'])('rates access to the system path %s higher', (path) => {
    expect(findingsOf(filesystemWrite, aConfig({ servers: [filesystemServer(path)] }))).toMatchObject([{ severity: 'high' }]);
  });

  it('ignores tools that only read', () => {
    expect(findingsOf(filesystemWrite, aConfig({ description: 'Read the profile of a user' }))).toEqual([]);
  });
});
