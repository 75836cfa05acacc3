import type { NextFunction, Request, RequestHandler, Response } from 'express';

const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
const FIRST_CHAR = /^[ \t\n\r]*(.?)/;

/** BODY_LIMIT (`/^\d+(b|kb|mb)?$/i`, validated at start) in bytes, as body-parser reads it. */
export function limitInBytes(limit: string): number {
  const [, digits, unit] = /^(\d+)(b|kb|mb)?$/i.exec(limit) ?? ['', 'NaN', 'b'];
  return Number(digits) * UNIT_BYTES[(unit ?? 'b').toLowerCase()];
}

/** An error body-parser would have raised: the error renderer maps it by `type` (400 here). */
const bodyError = (message: string, type: string) => Object.assign(new Error(message), { status: 400, statusCode: 400, expose: true, type });

/** body-parser's strict JSON: UTF-8 BOM dropped, empty means `{}`, only an object or an array at the top. */
function parseStrictJson(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = FIRST_CHAR.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw bodyError('JSON body must be an object or an array', 'entity.parse.failed');
  try {
    return JSON.parse(body);
  } catch (err) {
    throw bodyError((err as Error).message, 'entity.parse.failed');
  }
}

/**
 * The body nearly every call sends, plain UTF-8 JSON with a Content-Length within the limit, read and
 * parsed without body-parser's per-request machinery (the content type parsed twice, a charset decoder,
 * an async resource, half a dozen stream listeners). Any other request (compressed, chunked, another
 * charset or media type, over the limit, empty) goes to `bodyParser`: the result is the same either
 * way, body or error, and `done` gets errors in body-parser's shape.
 */
export function plainJsonBody(limit: number, bodyParser: RequestHandler): (req: Request, res: Response, done: NextFunction) => void {
  return (req, res, done) => {
    const { headers } = req;
    const length = Number(headers['content-length']);
    const plain = PLAIN_JSON.has(headers['content-type'] ?? '') && headers['content-encoding'] === undefined && headers['transfer-encoding'] === undefined;
    if (!plain || !(length > 0 && length <= limit) || req.complete) return bodyParser(req, res, done);
    const chunks: Buffer[] = [];
    let finished = false;
    const finish = (err?: unknown, body?: unknown) => {
      if (finished) return;
      finished = true;
      if (err) return done(err);
      req.body = body;
      done();
    };
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', (err) => finish(err));
    // 'close' follows 'end' on every request; before it, the client went away mid-body.
    req.on('close', () => finished || finish(bodyError('request aborted', 'request.aborted')));
    req.on('end', () => {
      try {
        finish(undefined, parseStrictJson(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        finish(err);
      }
    });
  };
}
