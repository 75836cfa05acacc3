import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { ResponseTooLargeError } from './upstream-errors';

export interface UpstreamFetchOptions {
  /** UPSTREAM_ALLOW_PRIVATE: tests and on-premise setups reach loopback/private upstreams. */
  allowPrivate: boolean;
  /** Exceptions to the rule above: exact IPs or CIDRs. */
  allowedAddresses?: string[];
  maxResponseBytes: number;
  maxSockets?: number;
}

export type UpstreamFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

const MAX_REDIRECTS = 5;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function headerRecord(headers: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

function responseHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * The response body as a web stream fed straight from the socket (cheaper than `pipeline` plus
 * `Readable.toWeb`, which cost an AbortController and a DOMException per call). Bytes are counted
 * as they arrive and the body fails past the cap, so a huge answer never sits in memory; a reset
 * upstream socket fails the body rather than leaving it hanging.
 */
function cappedBody(res: http.IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (err: Error) => {
        if (!open) return;
        open = false;
        res.destroy();
        controller.error(err);
      };
      res.on('data', (chunk: Buffer) => {
        // Chunks already buffered still arrive after a cancel or a failure: the stream is closed to them.
        if (!open) return;
        seen += chunk.length;
        if (seen > limit) return fail(new ResponseTooLargeError(limit));
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) res.pause();
      });
      res.once('end', () => {
        if (!open) return;
        open = false;
        controller.close();
      });
      res.once('error', fail);
      // Before 'end', the upstream went away mid-answer (the check spares an Error per call).
      res.once('close', () => open && fail(new Error('The upstream closed the connection mid-response')));
    },
    pull() {
      res.resume();
    },
    cancel() {
      open = false;
      res.destroy();
    },
  });
}

/**
 * The fetch every upstream connection uses. Addresses are checked when each socket connects
 * (request-filtering-agent: literal IPs, every DNS answer, and therefore every redirect hop, since
 * each hop opens its own checked connection), not when the URL was saved. Keep-alive sockets are
 * pooled per process.
 */
export function createUpstreamFetch(options: UpstreamFetchOptions): UpstreamFetch {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    allowPrivateIPAddress: options.allowPrivate,
    allowIPAddressList: options.allowedAddresses ?? [],
  };
  const agents = { 'http:': new RequestFilteringHttpAgent(agentOptions), 'https:': new RequestFilteringHttpsAgent(agentOptions) };

  const once = (url: URL, init: RequestInit): Promise<http.IncomingMessage> =>
    new Promise((resolve, reject) => {
      const agent = agents[url.protocol as keyof typeof agents];
      if (!agent) return reject(new TypeError(`Unsupported upstream protocol ${url.protocol}`));
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: init.method ?? 'GET',
        headers: headerRecord(init.headers),
        agent,
        signal: init.signal ?? undefined,
      });
      request.once('response', resolve);
      request.once('error', reject);
      request.end(typeof init.body === 'string' ? init.body : init.body == null ? undefined : Buffer.from(init.body as ArrayBuffer));
    });

  return async function upstreamFetch(input, init = {}) {
    let url = new URL(String(input));
    let current: RequestInit = init;
    for (let hop = 0; ; hop++) {
      const res = await once(url, current);
      const location = res.headers.location;
      const follow = init.redirect !== 'manual' && init.redirect !== 'error';
      if (location && res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && follow) {
        res.resume();
        if (hop >= MAX_REDIRECTS) throw new TypeError('Too many upstream redirects');
        url = new URL(location, url);
        // 303, and 301/302 after a POST, continue as a GET without a body (as fetch does).
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && current.method === 'POST')) {
          current = { ...current, method: 'GET', body: undefined };
        }
        continue;
      }
      const status = res.statusCode ?? 502;
      if (NULL_BODY_STATUSES.has(status)) {
        res.resume();
        return new Response(null, { status, statusText: res.statusMessage, headers: responseHeaders(res.headers) });
      }
      return new Response(cappedBody(res, options.maxResponseBytes), { status, statusText: res.statusMessage, headers: responseHeaders(res.headers) });
    }
  };
}
