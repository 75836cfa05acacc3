import { CONTRACT } from '../contract';
import { http } from '../http';
import { WEATHER_SERVER, WRAPPER } from './processes';

/** The contract's tool, its server a local process: the SDK weather server, optionally behind the wrapper. */
export function stdioToolFor(slug: string, marker: string, options: { wrapper?: boolean; flags?: string[]; env?: Record<string, string> } = {}) {
  const script = [WEATHER_SERVER, `--marker=${marker}`, ...(options.flags ?? [])];
  const server = { name: 'weather-stdio', transport: 'stdio', command: 'node', args: options.wrapper ? [WRAPPER, ...script] : script, env: options.env ?? {} };
  return { ...CONTRACT.createTool, slug, config: { ...CONTRACT.createTool.config, servers: [server] } };
}

export async function createStdioTool(baseUrl: string, token: string, body: Record<string, unknown>): Promise<string> {
  const res = await http(baseUrl, 'POST', '/api/v1/mcps', { token, json: body });
  if (res.status !== 201) throw new Error(`create tool failed: ${res.status} ${res.text}`);
  return res.body.id;
}
