import { aConfig, aServer, aTool, contractFeasibilityConfig, findingsOf } from '../testing/analysis.factories';
import { commandExecution } from './command-execution.rules';

describe('command execution rule', () => {
  it.each([
    ['the description', aConfig({ description: 'Run shell commands for developers' })],
    ['a tool name', aConfig({ tools: [aTool({ name: 'execute_command' })] })],
    ['a shell as stdio command', aConfig({ servers: [{ name: 'sh', command: '/bin/bash', args: ['-c', 'serve'] }] })],
    ['a command parameter', aConfig({ tools: [aTool({ parameters: { cmd: { type: 'string', description: 'What to run' } } })] })],
    ['a requirement flag', aConfig({ requirements: { shell_access: true } })],
  ])('flags command execution found in %s', (_, config) => {
    expect(findingsOf(commandExecution, config)).toMatchObject([{ code: 'command.execution', severity: 'high' }]);
  });

  it('blocks unsandboxed command execution on production', () => {
    expect(findingsOf(commandExecution, { description: 'Execute commands on production hosts' })).toMatchObject([
      { code: 'command.production-execution', severity: 'critical' },
    ]);
  });

  it('accepts production use inside a sandbox as a serious but not blocking risk', () => {
    const config = { description: 'Execute commands on production hosts', requirements: { sandbox: true } };

    expect(findingsOf(commandExecution, config)).toMatchObject([{ severity: 'high' }]);
  });

  it.each([
    ['SQL execution', contractFeasibilityConfig()],
    ['an npx stdio server', aConfig({ servers: [aServer({ url: undefined, command: 'npx', args: ['-y', '@acme/mcp'] })] })],
  ])('does not mistake %s for command execution', (_, config) => {
    expect(findingsOf(commandExecution, config)).toEqual([]);
  });
});
