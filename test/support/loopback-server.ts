import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './free-port';

/**
 * The plumbing every stand-in for an external HTTP service shares: a server on a free loopback
 * port, and a stop that also drops open connections (a deliberately slow answer included).
 */
export abstract class LoopbackServer {
  port = 0;
  private server?: Server;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
