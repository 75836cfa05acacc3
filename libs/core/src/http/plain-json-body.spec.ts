import express, { json, type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { limitInBytes, plainJsonBody } from './plain-json-body';

const LIMIT = '1kb';

/** What a request's body became: the parsed value, or the type and status of body-parser's error. */
function outcomeApp(read: (req: Request, res: Response, done: NextFunction) => void) {
  const app = express();
  app.post('/', (req, res) =>
    read(req, res, (err?: unknown) => {
      const { type, status } = (err ?? {}) as { type?: string; status?: number };
      res.json(err ? { error: { type: type ?? null, status: status ?? null } } : { body: req.body ?? null });
    }),
  );
  return app;
}

const listen = (app: express.Express) =>
  new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });

/** The fast path must answer exactly what body-parser alone answers, for every body. */
describe('plainJsonBody', () => {
  const bodyParser = json({ limit: LIMIT, type: ['application/json', 'application/*+json'] });
  let servers: Server[];
  let withFastPath: string;
  let bodyParserOnly: string;

  beforeAll(async () => {
    servers = [await listen(outcomeApp(plainJsonBody(limitInBytes(LIMIT), bodyParser))), await listen(outcomeApp(bodyParser))];
    [withFastPath, bodyParserOnly] = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/`);
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  const cases: [string, string | Buffer, Record<string, string>?][] = [
    ['an object', '{"text":"hi","n":[1,2,{"a":null}]}'],
    ['an array', ' \n[1, "two"]'],
    ['a bare string', '"hi"'],
    ['a number', '42'],
    ['whitespace only', '   '],
    ['malformed JSON', '{"a":'],
    ['a UTF-8 BOM before the object', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])],
    ['a BOM alone', Buffer.from([0xef, 0xbb, 0xbf])],
    ['invalid UTF-8 inside a string', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])],
    ['non-ASCII text', '{"a":"\u00e9\u4e2d\ud83d\ude00"}'],
    ['exactly the limit', `{"a":"${'x'.repeat(1024 - 8)}"}`],
    ['one byte over the limit', `{"a":"${'x'.repeat(1024 - 7)}"}`],
    ['an empty body', ''],
    ['charset=utf-8', '{"a":1}', { 'content-type': 'application/json; charset=utf-8' }],
    ['charset=UTF-8', '{"a":1}', { 'content-type': 'application/json; charset=UTF-8' }],
    ['charset=latin1', '{"a":1}', { 'content-type': 'application/json; charset=latin1' }],
    ['a +json type', '{"a":1}', { 'content-type': 'application/merge-patch+json' }],
    ['another media type', '{"a":1}', { 'content-type': 'text/plain' }],
  ];

  it.each(cases)('gives body-parser’s outcome for %s', async (_name, body, headers = { 'content-type': 'application/json' }) => {
    const outcome = async (url: string) => {
      const res = await fetch(url, { method: 'POST', body, headers });
      return { status: res.status, outcome: await res.json() };
    };
    expect(await outcome(withFastPath)).toEqual(await outcome(bodyParserOnly));
  });

  it('reads plain JSON itself, without body-parser', async () => {
    let handedOver = 0;
    const server = await listen(outcomeApp(plainJsonBody(limitInBytes(LIMIT), (req, res, next) => (handedOver++, bodyParser(req, res, next)))));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const res = await fetch(url, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(await res.json()).toEqual({ body: { a: 1 } });
    await fetch(url, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(handedOver).toBe(1);
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the limit as body-parser does', () => {
    expect([limitInBytes('1mb'), limitInBytes('10KB'), limitInBytes('512b'), limitInBytes('2000')]).toEqual([1048576, 10240, 512, 2000]);
  });
});
