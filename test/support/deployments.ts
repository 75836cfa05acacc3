import { CONTRACT } from './contract';
import { http } from './http';

/** The contract's tool, pointed at a real upstream MCP server. */
export function toolFor(slug: string, upstreamUrl: string, extra: Record<string, unknown> = {}) {
  return {
    ...CONTRACT.createTool,
    slug,
    config: { ...CONTRACT.createTool.config, servers: [{ name: 'weather-server', url: upstreamUrl, ...extra }] },
  };
}

export async function createTool(baseUrl: string, token: string, slug: string, upstreamUrl: string): Promise<string> {
  const res = await http(baseUrl, 'POST', '/api/v1/mcps', { token, json: toolFor(slug, upstreamUrl) });
  if (res.status !== 201) throw new Error(`create tool failed: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Polls GET /deployments/{id} until `accept` holds, returning that body. */
export async function waitForDeployment(baseUrl: string, token: string, id: string, accept: (d: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    last = (await http(baseUrl, 'GET', `/api/v1/deployments/${id}`, { token })).body;
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`deployment ${id} did not reach the expected state; last: ${JSON.stringify(last)}`);
}

/** Deploys `toolId` (optionally with config overrides) and waits for `running`. */
export async function deployRunning(baseUrl: string, token: string, toolId: string, config: Record<string, unknown> = {}): Promise<string> {
  const body = CONTRACT.deploy(toolId);
  const res = await http(baseUrl, 'POST', '/api/v1/deployments', { token, json: { ...body, config: { ...body.config, ...config } } });
  if (res.status !== 201) throw new Error(`deploy failed: ${res.status} ${res.text}`);
  await waitForDeployment(baseUrl, token, res.body.deployment_id, (d) => d.status === 'running');
  return res.body.deployment_id;
}
