import { loadConfig } from '@app/core';
import { cpuCores, memoryBytes } from './quantities';
import { isRunnerAuthorized, runnerToken } from './runner-token';
import { childEnvironment, isAllowedCommand, stdioServerOf } from './stdio-server';
import { StderrTail } from './stderr-tail';

describe('stdio server entries', () => {
  it('reads the first entry with a command (transport stdio, or none and no url)', () => {
    const config = {
      servers: [
        { name: 'remote', url: 'https://example.com/mcp' },
        { name: 'local', command: 'npx', args: ['-y', '@scope/server@1.2.3', 7], env: { API_KEY: 'k', N: 1 }, cwd: '/srv' },
      ],
    };
    expect(stdioServerOf(config)).toEqual({ command: 'npx', args: ['-y', '@scope/server@1.2.3'], env: { API_KEY: 'k' }, cwd: '/srv' });
    expect(stdioServerOf({ servers: [{ name: 'rest', transport: 'http', url: 'https://api.example.com', command: 'x' }] })).toBeUndefined();
    expect(stdioServerOf({})).toBeUndefined();
  });

  it('gives the child only the declared env plus the platform PATH and HOME, which a tool cannot override', () => {
    const platform = { PATH: '/usr/bin', HOME: '/home/worker', DATABASE_URL: 'postgres://secret', JWT_SECRET: 'j', ENCRYPTION_KEY: 'e' };
    expect(childEnvironment({ API_KEY: 'k', PATH: '/tmp/evil' }, platform)).toEqual({ API_KEY: 'k', PATH: '/usr/bin', HOME: '/home/worker' });
  });

  it('allows commands by exact match only', () => {
    expect(isAllowedCommand('npx', ['npx', 'node'])).toBe(true);
    expect(isAllowedCommand('/tmp/npx', ['npx', 'node'])).toBe(false);
    expect(isAllowedCommand('npx ', ['npx'])).toBe(false);
  });

  it('reads Kubernetes quantities', () => {
    expect(memoryBytes('512Mi')).toBe(512 * 2 ** 20);
    expect(memoryBytes('1G')).toBe(1e9);
    expect(memoryBytes('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(memoryBytes('lots')).toBeUndefined();
    expect(cpuCores('500m')).toBe(0.5);
    expect(cpuCores('2')).toBe(2);
    expect(cpuCores('2 cores')).toBeUndefined();
  });

  it('keeps the last stderr lines, bounded', () => {
    const tail = new StderrTail();
    for (let i = 0; i < 30; i++) tail.push(Buffer.from(`line ${i}\n`));
    tail.push(Buffer.from('partial'));
    expect(tail.last(3)).toEqual(['line 28', 'line 29', 'partial']);
  });
});

describe('runner token', () => {
  it('is derived from the JWT secret unless RUNNER_TOKEN is set, and checked exactly', () => {
    const derived = loadConfig({ JWT_SECRET: 'a'.repeat(40) });
    const other = loadConfig({ JWT_SECRET: 'b'.repeat(40) });
    expect(runnerToken(derived)).not.toBe(runnerToken(other));
    expect(runnerToken(derived)).not.toContain('aaaa');
    expect(isRunnerAuthorized(`Bearer ${runnerToken(derived)}`, derived)).toBe(true);
    expect(isRunnerAuthorized(`Bearer ${runnerToken(other)}`, derived)).toBe(false);
    expect(isRunnerAuthorized(undefined, derived)).toBe(false);
    const configured = loadConfig({ JWT_SECRET: 'a'.repeat(40), RUNNER_TOKEN: 't'.repeat(32) });
    expect(isRunnerAuthorized(`Bearer ${'t'.repeat(32)}`, configured)).toBe(true);
  });
});

describe('stdio configuration', () => {
  it('reads STDIO_ALLOWED_COMMANDS as a list and refuses a bad RUNNER_ADVERTISE_URL', () => {
    expect(loadConfig({}).stdio.allowedCommands).toEqual(['npx', 'uvx', 'node', 'python3']);
    expect(loadConfig({ STDIO_ALLOWED_COMMANDS: 'node, /usr/bin/python3,' }).stdio.allowedCommands).toEqual(['node', '/usr/bin/python3']);
    expect(() => loadConfig({ RUNNER_ADVERTISE_URL: 'ftp://worker' })).toThrow(/RUNNER_ADVERTISE_URL/);
    expect(() => loadConfig({ RUNNER_TOKEN: 'short' })).toThrow(/RUNNER_TOKEN/);
  });
});
