import { Agent, request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query exactly as they go on the wire (already percent-encoded, or deliberately not). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/**
 * One HTTP request with nothing normalised: any method may carry a body, any bytes, any encoding
 * header. A streaming answer (SSE) is cut once its head arrived: the status is what is judged.
 */
export function rawRequest(baseUrl: string, req: RawRequest, agent?: Agent): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers = { ...(body ? { 'content-length': String(body.length) } : {}), ...req.headers };
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, method: req.method, path: req.path, headers, agent }, (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      if (contentType.startsWith('text/event-stream')) {
        res.destroy();
        return resolve({ status: res.statusCode ?? 0, contentType, text: '' });
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
