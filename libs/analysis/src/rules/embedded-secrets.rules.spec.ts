import { aConfig, aServer, findingsOf } from '../testing/analysis.factories';
import { maskSecrets } from '@app/mcp';
import { readProposal } from '../subject/analysis-subject';
import { embeddedSecretPaths, embeddedSecrets } from './embedded-secrets.rules';

const GITHUB_TOKEN = `ghp_${'a1B2'.repeat(9)}`;

describe('embedded secrets rule', () => {
  it.each([
    ['a secret-named env var', aServer({ env: { OPENWEATHER_API_KEY: 'abc123def456' } }), 'servers[0].env.OPENWEATHER_API_KEY'],
    ['an Authorization header', aServer({ headers: { Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } }), 'servers[0].headers.Authorization'],
    ['a camelCase key', aServer({ apiKey: 'k-123456' }), 'servers[0].apiKey'],
    ['a token under any key', aServer({ note: GITHUB_TOKEN }), 'servers[0].note'],
    ['URL credentials', aServer({ url: 'https://admin:s3cr3t@api.example.org' }), 'servers[0].url'],
    ['a --flag=value argument', aServer({ command: 'npx', args: ['server', '--api-key=abc123'] }), 'servers[0].args[1]'],
    ['a value after its flag', aServer({ command: 'npx', args: ['server', '--token', 'abc123'] }), 'servers[0].args[2]'],
  ])('finds %s and reports only where it is', (_, server, path) => {
    const findings = findingsOf(embeddedSecrets, aConfig({ servers: [server] }));

    expect(findings).toMatchObject([{ code: 'secrets.embedded', severity: 'high', area: 'security' }]);
    expect(findings[0].message).toBe(`Secrets are embedded in the configuration (at ${path})`);
    expect(findings[0].recommendations[0]).toMatch(/environment variables or a secret store/);
  });

  it.each([
    ['an env reference', { API_KEY: '${OPENWEATHER_API_KEY}' }],
    ['a shell-style reference', { API_KEY: '$OPENWEATHER_API_KEY' }],
    ['a placeholder', { API_KEY: '<your key>' }],
    ['a key that names a secret rather than holding it', { api_key_env: 'OPENWEATHER_API_KEY', token_url: 'https://auth.example.org' }],
    ['a numeric limit', { max_tokens: '512' }],
  ])('accepts %s', (_, env) => {
    expect(findingsOf(embeddedSecrets, aConfig({ servers: [aServer({ env })] }))).toEqual([]);
  });

  it('never repeats a secret, even when it is used as a key', () => {
    const config = aConfig({ servers: [aServer({ env: { [GITHUB_TOKEN]: GITHUB_TOKEN } })] });

    const findings = findingsOf(embeddedSecrets, config);

    expect(JSON.stringify(findings)).not.toContain(GITHUB_TOKEN);
    expect(findings[0].message).toContain('servers[0].env.[redacted]');
  });

  it('lists a few locations and counts the rest', () => {
    const env = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`TOKEN_${i}`, `value-${i}`]));

    const [finding] = findingsOf(embeddedSecrets, aConfig({ servers: [aServer({ env })] }));

    expect(finding.message).toBe(
      'Secrets are embedded in the configuration (at servers[0].env.TOKEN_1, servers[0].env.TOKEN_2, servers[0].env.TOKEN_3 and 2 more)',
    );
  });

  it('still reports secrets that were masked before the analysis, by where they were', () => {
    const config = aConfig({ servers: [aServer({ env: { GITHUB_TOKEN } })] });
    const paths = embeddedSecretPaths(config);
    const masked = maskSecrets(config);

    expect(paths).toEqual(['servers[0].env.GITHUB_TOKEN']);
    expect(embeddedSecrets(readProposal(masked))).toEqual([]);
    expect(embeddedSecrets(readProposal(masked, paths))).toMatchObject([{ code: 'secrets.embedded', message: expect.stringContaining('servers[0].env.GITHUB_TOKEN') }]);
  });
});
