import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8000,
      workerPort: 8001,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/mcp_platform',
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'mcp',
      publicBaseUrl: 'http://localhost:8000',
      llm: { provider: 'rules' },
      embeddingsProvider: 'local',
      upstreamAllowPrivate: true,
    });
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/ENCRYPTION_KEY/);
    expect(() => loadConfig({ QUEUE_ANALYSIS_ATTEMPTS: '0' })).toThrow(/QUEUE_ANALYSIS_ATTEMPTS/);
  });

  it('names the missing key of a hosted LLM provider', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'openai' })).toThrow('OPENAI_API_KEY is required when LLM_PROVIDER=openai');
    expect(() => loadConfig({ LLM_PROVIDER: 'anthropic' })).toThrow('ANTHROPIC_API_KEY is required when LLM_PROVIDER=anthropic');
    expect(loadConfig({ LLM_PROVIDER: 'ollama' }).llm).toMatchObject({ provider: 'ollama', fallback: 'none', timeoutMs: 60_000 });
  });

  it('reads CORS_ORIGINS as a list of origins, same-origin only by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:3000/' }).corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:3000',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com/path' })).toThrow(/CORS_ORIGINS/);
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      PUBLIC_BASE_URL: 'https://mcp.example.com/',
      METRICS_PUBLIC: 'true',
    });
    expect(config.publicBaseUrl).toBe('https://mcp.example.com');
    expect(config.upstreamAllowPrivate).toBe(false);
  });

  it('overrides queue tuning per queue from the environment', () => {
    const config = loadConfig({ QUEUE_ANALYSIS_CONCURRENCY: '8', QUEUE_KNOWLEDGE_LOCK_MS: '5000' });
    expect(config.queues.analysis.concurrency).toBe(8);
    expect(config.queues.knowledge.lockDurationMs).toBe(5000);
    expect(config.queues.analysis.attempts).toBe(3);
  });

  it('reads the previous encryption keys of a rotation, comma-separated', () => {
    const [a, b] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    const config = loadConfig({ ENCRYPTION_KEYS_PREVIOUS: `${a.toString('base64')}, ${b.toString('base64')}` });
    expect(config.previousEncryptionKeys).toEqual([a, b]);
    expect(loadConfig({}).previousEncryptionKeys).toEqual([]);
    expect(() => loadConfig({ ENCRYPTION_KEYS_PREVIOUS: `${a.toString('base64')},c2hvcnQ=` })).toThrow(/ENCRYPTION_KEYS_PREVIOUS/);
  });

  it('never derives secrets from public settings: unset ones are random and listed for the database to fill', () => {
    const [a, b] = [loadConfig({}), loadConfig({})];
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(a.encryptionKey.equals(b.encryptionKey)).toBe(false);
    expect(a.generatedSecrets).toEqual(['JWT_SECRET', 'ENCRYPTION_KEY']);
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(32) }).generatedSecrets).toEqual(['ENCRYPTION_KEY']);
  });

  it('refuses production without METRICS_TOKEN unless METRICS_PUBLIC says the port is private', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), PUBLIC_BASE_URL: 'https://mcp.example.com' };
    expect(() => loadConfig(production)).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ ...production, METRICS_PUBLIC: 'true' }).metricsToken).toBeUndefined();
    expect(loadConfig({ ...production, METRICS_TOKEN: 'm'.repeat(24) }).metricsToken).toBe('m'.repeat(24));
    expect(loadConfig({}).metricsToken).toBeUndefined();
  });

  it('parses TRUST_PROXY', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });
});
