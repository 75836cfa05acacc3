import pino from 'pino';
import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../config/app-config';
import { configureHttp } from './configure-http';
import { RawBody, RawBodyBytes } from './raw-body.decorator';

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

@Controller('hooks')
class HooksController {
  @Post('signed')
  @RawBody({ limit: '3mb' })
  signed(@RawBodyBytes() bytes: Buffer) {
    return { length: bytes.length, sha256: digest(bytes) };
  }

  @Post('json')
  json(@Body() body: Record<string, unknown>) {
    return { keys: Object.keys(body) };
  }
}

@Module({ controllers: [HooksController] })
class HooksModule {}

/** The real HTTP plumbing of both apps around a controller that declares a raw-body route. */
describe('@RawBody routes', () => {
  let app: INestApplication;
  let url: string;
  const post = (path: string, body: Buffer | string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${url}${path}`, { method: 'POST', body, headers });

  beforeAll(async () => {
    app = await NestFactory.create(HooksModule, { bodyParser: false, logger: false });
    configureHttp(app, loadConfig({ BODY_LIMIT: '1mb' }), pino({ level: 'silent' }));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('hands the handler the exact bytes sent, whatever the content type', async () => {
    const bytes = Buffer.from('{"b": 1,\n "a":  "\u00e9"}  ');
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
      const res = await post('/hooks/signed', bytes, { 'content-type': type });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ length: bytes.length, sha256: digest(bytes) });
    }
  });

  it('applies the route’s own limit instead of BODY_LIMIT', async () => {
    const twoMb = Buffer.alloc(2 * 1024 * 1024, 'a');
    expect((await post('/hooks/signed', twoMb)).status).toBe(201);
    const tooBig = await post('/hooks/signed', Buffer.alloc(3 * 1024 * 1024 + 1, 'a'));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
    expect((await post('/hooks/json', JSON.stringify({ pad: 'a'.repeat(2 * 1024 * 1024) }))).status).toBe(413);
  });

  it('counts the limit after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 'a'));
    const res = await post('/hooks/signed', bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
  });

  it('answers 400 INVALID_REQUEST to a body that is not valid gzip, like the JSON parser does', async () => {
    for (const path of ['/hooks/signed', '/hooks/json']) {
      const res = await post(path, 'garbage', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ detail: expect.any(String), error_code: 'INVALID_REQUEST' });
    }
  });

  it('leaves other routes on the JSON parser', async () => {
    const res = await post('/hooks/json', JSON.stringify({ a: 1, b: 2 }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ keys: ['a', 'b'] });
  });

  it('gives an empty buffer for an empty body', async () => {
    const res = await post('/hooks/signed', '');
    expect(await res.json()).toEqual({ length: 0, sha256: digest(Buffer.alloc(0)) });
  });
});
