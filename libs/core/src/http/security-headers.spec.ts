import pino from 'pino';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../config/app-config';
import { configureHttp } from './configure-http';

@Controller()
class PingController {
  @Get('ping')
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

/** What helmet set per request before its headers were recorded once at start; every answer carries them. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;font-src 'self' data:;worker-src 'self' blob:;connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('security headers', () => {
  let app: INestApplication;
  let url: string;
  const headersOf = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${url}${path}`, init);
    await res.arrayBuffer();
    return Object.fromEntries([...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name)));
  };

  beforeAll(async () => {
    app = await NestFactory.create(PingModule, { bodyParser: false, logger: false });
    configureHttp(app, loadConfig({ TRUST_PROXY: 'true', CORS_ORIGINS: 'https://app.example.com' }), pino({ level: 'silent' }));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('sends exactly the security headers, no-store and the request id on an API answer, and no computed ETag', async () => {
    expect(await headersOf('/ping', { headers: { 'x-request-id': 'trace-1' } })).toEqual({
      ...SECURITY_HEADERS,
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': 'trace-1',
    });
  });

  it('sends them on errors too, and lets the docs be cached', async () => {
    const notFound = await headersOf('/nope');
    expect(notFound).toMatchObject({ ...SECURITY_HEADERS, 'cache-control': 'no-store', 'x-request-id': expect.any(String) });
    expect(await headersOf('/api/docs/missing')).not.toHaveProperty('cache-control');
  });

  it('adds HSTS only when a trusted proxy says the request came over HTTPS', async () => {
    expect(await headersOf('/ping')).not.toHaveProperty('strict-transport-security');
    expect(await headersOf('/ping', { headers: { 'x-forwarded-proto': 'https' } })).toMatchObject({
      ...SECURITY_HEADERS,
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
  });

  it('answers CORS for a listed Origin only, preflight included', async () => {
    const origin = 'https://app.example.com';
    expect(await headersOf('/ping', { headers: { origin } })).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'ETag,Location,Retry-After,X-Request-Id',
      vary: 'Origin',
    });
    const preflight = await fetch(`${url}/ping`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PUT,PATCH,DELETE');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    for (const init of [{ headers: { origin: 'https://evil.example.com' } }, {}, { method: 'OPTIONS' }]) {
      const headers = await headersOf('/ping', init);
      expect(Object.keys(headers).filter((name) => name.startsWith('access-control-') || name === 'vary')).toEqual([]);
    }
  });
});
