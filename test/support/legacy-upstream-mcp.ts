import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, Server, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { closeServer } from './close-server';
import { freePort } from './free-port';
import { readBody } from './read-body';
import { type Exchange, recordExchange } from './recorded-exchanges';
import { weatherFor } from './upstream-mcp';

/** The same weather tools as the modern test upstream, on the 1.x SDK (2025 revisions only). */
function buildServer(): McpServer {
  const server = new McpServer({ name: 'legacy-weather-upstream', version: '1.0.0' });
  server.registerTool(
    'get_weather',
    {
      description: 'Get current weather for a location',
      inputSchema: { location: z.string() },
      outputSchema: { location: z.string(), temperature: z.number(), conditions: z.string(), humidity: z.number(), wind_speed: z.number() },
    },
    async ({ location }) => {
      const output = weatherFor(location);
      return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
    },
  );
  server.registerTool('echo_text', { description: 'Echoes plain text', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text: `echo: ${text}` }],
  }));
  server.registerTool('fail', { description: 'Always fails', inputSchema: {} }, async () => ({
    content: [{ type: 'text', text: 'upstream exploded' }],
    isError: true,
  }));
  server.registerTool('big', { description: 'Returns n kilobytes of text', inputSchema: { kb: z.number().int().min(1) } }, async ({ kb }) => ({
    content: [{ type: 'text', text: 'x'.repeat(kb * 1024) }],
  }));
  server.registerResource('forecast-notes', 'weather://notes', { mimeType: 'text/plain' }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Forecasts update hourly.' }],
  }));
  return server;
}

/**
 * A remote MCP server that only speaks the 2025 revisions, built on the 1.x SDK as many deployed
 * servers are: stateful (a session per `initialize`, answering other requests without a known
 * session with 400, as the SDK's example server does) or stateless. Answers come as SSE streams.
 */
export class LegacyUpstreamMcp {
  port = 0;
  readonly exchanges: Exchange[] = [];
  private readonly sessions = new Map<string, StreamableHTTPServerTransport>();
  private server?: Server;

  constructor(private readonly mode: 'stateful' | 'stateless') {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/mcp`;
  }

  /** Sessions opened so far (stateful): one per connection a client made. */
  get sessionCount(): number {
    return this.sessions.size;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = req.method === 'POST' ? await readBody(req) : '';
    const body = text ? (JSON.parse(text) as { method?: string }) : undefined;
    recordExchange(req, res, this.exchanges, body?.method);
    const transport = this.mode === 'stateless' ? await this.stateless() : await this.session(req, body);
    if (!transport) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null }));
      return;
    }
    await transport.handleRequest(req, res, body);
  }

  private async stateless(): Promise<StreamableHTTPServerTransport> {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer().connect(transport);
    return transport;
  }

  /** The session's transport, a new one for an `initialize`, or none (the caller answers 400). */
  private async session(req: IncomingMessage, body: { method?: string } | undefined): Promise<StreamableHTTPServerTransport | undefined> {
    const id = req.headers['mcp-session-id'];
    if (typeof id === 'string') return this.sessions.get(id);
    if (body?.method !== 'initialize') return undefined;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => void this.sessions.set(sessionId, transport),
    });
    await buildServer().connect(transport);
    return transport;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }
}
