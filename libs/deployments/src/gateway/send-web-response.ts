import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';

/**
 * Writes the SDK's web `Response` to express. A JSON answer (nearly every MCP answer) goes out in one
 * write with its Content-Length, where iterating its body stream costs a chunked write per piece
 * plus the terminating one; a stream (a `subscriptions/listen` stream) is piped with backpressure,
 * and cancelled when the client goes away, which ends the SDK's subscription.
 */
export async function sendWebResponse(response: globalThis.Response, res: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) {
    res.end();
    return;
  }
  if (response.headers.get('content-type')?.startsWith('application/json')) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res).catch(() => undefined);
}
