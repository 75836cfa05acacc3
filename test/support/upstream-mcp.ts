import { createServer, Server } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { closeServer } from './close-server';
import { freePort } from './free-port';
import { type Exchange, recordExchange } from './recorded-exchanges';

/** The contract's weather answer, so the REST example can be asserted verbatim. */
export function weatherFor(location: string) {
  return { location, temperature: 18, conditions: 'Partly Cloudy', humidity: 65, wind_speed: 12 };
}

/**
 * One tool of each kind the gateway must map (structured output, plain text, an error, a slow call),
 * plus a resource, a resource template and a prompt for the gateway to pass through.
 */
function buildServer(): McpServer {
  const server = new McpServer({ name: 'weather-upstream', version: '1.0.0' });
  server.registerTool(
    'get_weather',
    {
      description: 'Get current weather for a location',
      inputSchema: z.object({ location: z.string().describe('City name or coordinates') }),
      outputSchema: z.object({
        location: z.string(),
        temperature: z.number(),
        conditions: z.string(),
        humidity: z.number(),
        wind_speed: z.number(),
      }),
    },
    async ({ location }) => {
      const output = weatherFor(location);
      return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
    },
  );
  server.registerTool('echo_text', { description: 'Echoes plain text', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: 'text', text: `echo: ${text}` }],
  }));
  server.registerTool('fail', { description: 'Always fails', inputSchema: z.object({}) }, async () => ({
    content: [{ type: 'text', text: 'upstream exploded' }],
    isError: true,
  }));
  server.registerTool('sleep', { description: 'Sleeps ms milliseconds', inputSchema: z.object({ ms: z.number().int().min(0) }) }, async ({ ms }) => {
    await new Promise((r) => setTimeout(r, ms));
    return { content: [{ type: 'text', text: JSON.stringify({ slept: ms }) }] };
  });
  server.registerTool('big', { description: 'Returns n kilobytes of text', inputSchema: z.object({ kb: z.number().int().min(1) }) }, async ({ kb }) => ({
    content: [{ type: 'text', text: 'x'.repeat(kb * 1024) }],
  }));
  server.registerResource('forecast-notes', 'weather://notes', { title: 'Forecast notes', mimeType: 'text/plain' }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Forecasts update hourly.' }],
  }));
  server.registerResource(
    'city-weather',
    new ResourceTemplate('weather://city/{name}', { list: undefined }),
    { mimeType: 'application/json' },
    async (uri, { name }) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(weatherFor(String(name))) }] }),
  );
  server.registerPrompt(
    'weather-report',
    { description: 'Ask for a short weather report', argsSchema: z.object({ location: z.string() }) },
    ({ location }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Write a short weather report for ${location}.` } }] }),
  );
  return server;
}

/**
 * A real MCP server built with the official SDK, served over Streamable HTTP on loopback (both
 * spec revisions, stateless), standing in for a team's remote MCP server.
 */
export class UpstreamMcp {
  calls = 0;
  port = 0;
  /** Every request and how it was answered, when constructed with `record` (a benchmark does not). */
  readonly exchanges: Exchange[] = [];
  private server?: Server;

  constructor(
    readonly host = '127.0.0.1',
    private readonly options: { record?: boolean } = {},
  ) {}

  get url(): string {
    return `http://${this.host}:${this.port}/mcp`;
  }

  async start(port?: number): Promise<this> {
    this.port = port ?? (this.port || (await freePort()));
    const handler = toNodeHandler(createMcpHandler(() => buildServer()));
    this.server = createServer((req, res) => {
      if (!req.url?.startsWith('/mcp')) {
        res.writeHead(404).end();
        return;
      }
      this.calls++;
      if (this.options.record) recordExchange(req, res, this.exchanges);
      void handler(req, res);
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server?.listen(this.port, this.host, resolve));
    return this;
  }

  /** Closes the listener and every open connection: callers see the upstream as gone. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }
}
