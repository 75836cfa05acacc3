import { http } from './support/http';
import { Platform } from './support/platform';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

describe('/metrics protection', () => {
  const platform = new Platform({ workers: 1, env: { METRICS_TOKEN } });

  beforeAll(() => platform.start(), 90_000);
  afterAll(() => platform.stop());

  it('requires the METRICS_TOKEN bearer token on the api and the worker', async () => {
    for (const process of [platform.api, platform.workers[0]]) {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token-0123456789abcdef' }, { authorization: METRICS_TOKEN }]) {
        const refused = await http(process.url, 'GET', '/metrics', { headers });
        expect(refused.status).toBe(401);
        expect(refused.body).toMatchObject({ error_code: 'UNAUTHORIZED' });
        expect(refused.text).not.toContain('process_cpu');
      }
      const scraped = await http(process.url, 'GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(scraped.text).toContain('process_cpu_user_seconds_total');
    }
  });

  it('refuses to start in production without METRICS_TOKEN, unless METRICS_PUBLIC=true', async () => {
    const production = { NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://mcp.example.com', METRICS_TOKEN: undefined };
    for (const kind of ['api', 'worker'] as const) {
      const refused = await platform.spawn(kind, production);
      expect(await refused.waitExit()).toBe(1);
      expect(refused.logs()).toContain('METRICS_TOKEN is required when NODE_ENV=production');
      const open = await (await platform.spawn(kind, { ...production, METRICS_PUBLIC: 'true' })).waitReady();
      try {
        expect((await http(open.url, 'GET', '/metrics')).status).toBe(200);
      } finally {
        await open.stop();
      }
    }
  }, 60_000);
});
