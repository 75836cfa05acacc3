#!/usr/bin/env node
/**
 * A real stdio MCP server built with the official SDK: the stdio runtime's stand-in for the
 * packages teams deploy (`npx -y @scope/server`). Arguments:
 *   --marker=<text>     ignored by the server; lets tests find (and count) its processes
 *   --ignore-sigterm    survives SIGTERM, so only the runtime's SIGKILL escalation stops it
 *   --fail-start        writes to stderr and exits before speaking MCP
 *   --linger            keeps running after its stdin closes (as servers with their own timers do)
 */
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const flags = new Set(process.argv.slice(2));
if (flags.has('--ignore-sigterm')) process.on('SIGTERM', () => undefined);
if (flags.has('--fail-start')) {
  process.stderr.write('weather-server: missing WEATHER_API_KEY\nweather-server: giving up\n');
  process.exit(3);
}

if (flags.has('--linger')) setInterval(() => undefined, 60_000);

const server = new McpServer({ name: 'weather-stdio', version: '1.0.0' });
server.registerTool(
  'get_weather',
  {
    description: 'Get current weather for a location',
    inputSchema: z.object({ location: z.string().describe('City name or coordinates') }),
    outputSchema: z.object({ location: z.string(), temperature: z.number(), conditions: z.string(), humidity: z.number(), wind_speed: z.number() }),
  },
  async ({ location }) => {
    const output = { location, temperature: 18, conditions: 'Partly Cloudy', humidity: 65, wind_speed: 12 };
    return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
  },
);
server.registerTool('whoami', { description: 'The serving process and the environment it was given', inputSchema: z.object({}) }, async () => {
  const output = { pid: process.pid, env: { ...process.env } };
  return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
});
await server.connect(new StdioServerTransport());
