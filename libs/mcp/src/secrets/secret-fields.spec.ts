import { isSecretKey, isSecretPath, maskSecrets, SECRET_MASK } from './secret-fields';

describe('secret fields of a tool config', () => {
  it('recognises secret key names in any style', () => {
    for (const key of ['token', 'GITHUB_TOKEN', 'apiKey', 'api_key', 'X-Api-Key', 'client-secret', 'password', 'DB_PASSWD', 'Authorization', 'privateKey', 'AWS_SECRET_ACCESS_KEY', 'credentials']) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['max_tokens', 'name', 'url', 'description', 'keyboard', 'author', 'tokenizer', 'monkey']) {
      expect(isSecretKey(key)).toBe(false);
    }
  });

  it('treats every env and header value as secret, and server.json {name, value} entries', () => {
    expect(isSecretPath(['servers', 0, 'env', 'REGION'])).toBe(true);
    expect(isSecretPath(['servers', 0, 'headers', 'X-Custom'])).toBe(true);
    expect(isSecretPath(['packages', 0, 'environmentVariables', 2, 'value'])).toBe(true);
    expect(isSecretPath(['packages', 0, 'environmentVariables', 2, 'name'])).toBe(false);
    expect(isSecretPath(['servers', 0, 'url'])).toBe(false);
    expect(isSecretPath(['servers', 0, 'args', 1])).toBe(false);
  });

  it('masks secret strings only, keeping the shape, schemas named after secrets and other data intact', () => {
    const config = {
      servers: [{ name: 's', command: 'npx', args: ['-y', 'pkg'], env: { API_KEY: 'sk-live-1', EMPTY: '' }, headers: { Authorization: 'Bearer x' } }],
      tools: [{ name: 'login', parameters: { password: { type: 'string', description: 'the password' } } }],
      auth: { token: 'ghp_1', max_tokens: 5 },
      constructor: { a: 1 },
    };
    const masked = maskSecrets(config);
    expect(masked).toEqual({
      servers: [{ name: 's', command: 'npx', args: ['-y', 'pkg'], env: { API_KEY: SECRET_MASK, EMPTY: '' }, headers: { Authorization: SECRET_MASK } }],
      tools: [{ name: 'login', parameters: { password: { type: 'string', description: 'the password' } } }],
      auth: { token: SECRET_MASK, max_tokens: 5 },
      constructor: { a: 1 },
    });
    expect(config.servers[0].env.API_KEY).toBe('sk-live-1');
  });
});
