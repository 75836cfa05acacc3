import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUpstreamFetch } from './safe-fetch';

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

describe('createUpstreamFetch', () => {
  const target = createServer((_req, res) => res.end('reached'));
  let redirector: Server;
  let targetPort: number;
  let redirectUrl: string;

  beforeAll(async () => {
    targetPort = await listen(target, '127.0.0.1');
    redirector = createServer((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${targetPort}/` }).end());
    redirectUrl = `http://127.0.0.2:${await listen(redirector, '127.0.0.2')}/`;
  });
  afterAll(() => {
    target.close();
    redirector.close();
  });

  const guarded = createUpstreamFetch({ allowPrivate: false, allowedAddresses: ['127.0.0.2'], maxResponseBytes: 1024 });

  it('follows a redirect hop through the same check, refusing one that lands on loopback', async () => {
    await expect(guarded(redirectUrl, { method: 'POST', body: '{}' })).rejects.toThrow(/is not allowed/);
  });

  it('refuses loopback, IPv6 loopback, link-local and decimal-encoded loopback before connecting', async () => {
    for (const url of [`http://127.0.0.1:${targetPort}/`, `http://[::1]:${targetPort}/`, 'http://169.254.169.254/', `http://2130706433:${targetPort}/`]) {
      await expect(guarded(url)).rejects.toThrow(/is not allowed/);
    }
  });

  it('reaches the same addresses when private upstreams are allowed, and caps the body', async () => {
    const open = createUpstreamFetch({ allowPrivate: true, maxResponseBytes: 4 });
    const response = await open(redirectUrl, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    const roomy = createUpstreamFetch({ allowPrivate: true, maxResponseBytes: 1024 });
    expect(await (await roomy(redirectUrl)).text()).toBe('reached');
  });

  it('fails the body when the upstream goes away mid-answer', async () => {
    const cut = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' }).write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const port = await listen(cut, '127.0.0.1');
    const response = await createUpstreamFetch({ allowPrivate: true, maxResponseBytes: 1024 })(`http://127.0.0.1:${port}/`);
    await expect(response.text()).rejects.toThrow();
    cut.close();
  });

  it('lets a caller cancel a body it does not read (a health probe), and the next call still works', async () => {
    const api = createServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"not here"}'));
    const port = await listen(api, '127.0.0.1');
    const fetchUpstream = createUpstreamFetch({ allowPrivate: true, maxResponseBytes: 1024 });
    const probe = await fetchUpstream(`http://127.0.0.1:${port}/`);
    await probe.body?.cancel();
    // Chunks the socket had already delivered must not reach the cancelled stream (that threw, uncaught).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await (await fetchUpstream(`http://127.0.0.1:${port}/`)).text()).toBe('{"detail":"not here"}');
    api.close();
  });
});
