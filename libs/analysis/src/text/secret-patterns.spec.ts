import { hasUrlCredentials, isLiteralSecret, isSecretFlag, isSecretKey, looksLikeSecretValue, secretFlagValue } from './secret-patterns';

describe('secret patterns', () => {
  it.each([
    `sk-proj-${'a'.repeat(24)}`,
    `ghp_${'a'.repeat(36)}`,
    `github_pat_${'a'.repeat(30)}`,
    'AKIAABCDEFGHIJKLMNOP',
    'xoxb-1234567890-abc',
    '-----BEGIN RSA PRIVATE KEY-----',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'Bearer abcdefghijklmnopqrstuvwxyz',
  ])('recognise the credential %s', (value) => {
    expect(looksLikeSecretValue(value)).toBe(true);
  });

  it.each(['get_current_weather', 'https://api.github.com', 'sk-short', 'Bearer ${TOKEN}'])('leave %s alone', (value) => {
    expect(looksLikeSecretValue(value)).toBe(false);
  });

  it.each([
    ['password', true],
    ['apiKey', true],
    ['OPENAI_API_KEY', true],
    ['x-api-key', true],
    ['client_secret', true],
    ['access_token', true],
    ['max_tokens', false],
    ['tokenizer', false],
    ['token_url', false],
    ['secret_name', false],
    ['description', false],
  ])('treat the key %s as holding a secret: %s', (key, expected) => {
    expect(isSecretKey(key)).toBe(expected);
  });

  it.each([
    ['hunter2', true],
    ['${API_KEY}', false],
    ['$API_KEY', false],
    ['{{ secrets.key }}', false],
    ['env:API_KEY', false],
    ['op://vault/item/field', false],
    ['<your api key>', false],
    ['YOUR_API_KEY', false],
    ['xxxx', false],
    ['Bearer ${TOKEN}', false],
    ['  ', false],
  ])('treat %p as a literal secret: %s', (value, expected) => {
    expect(isLiteralSecret(value)).toBe(expected);
  });

  it('find passwords in URLs, flags and their values', () => {
    expect(hasUrlCredentials('postgres://app:s3cret@db:5432/app')).toBe(true);
    expect(hasUrlCredentials('postgres://app:${DB_PASSWORD}@db:5432/app')).toBe(false);
    expect(hasUrlCredentials('https://user@example.org')).toBe(false);
    expect(secretFlagValue('--api-key=abc')).toBe('abc');
    expect(secretFlagValue('--port=8080')).toBeUndefined();
    expect(isSecretFlag('--token')).toBe(true);
    expect(isSecretFlag('--verbose')).toBe(false);
  });
});
