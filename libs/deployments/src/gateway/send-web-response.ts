import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
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
    res.end(await wholeBody(response.body as ReadableStream<Uint8Array>));
    return;
  }
  await pipeline(Readable.fromWeb(response.body as ReadableStream), res).catch(() => undefined);
}

/**
 * A JSON answer's bytes, read off its stream: the SDK builds it from one string, so it comes as one
 * chunk that is written as it is, where `arrayBuffer()` costs a copy and more promise steps per answer.
 */
async function wholeBody(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
