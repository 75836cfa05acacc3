import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { serverSdk } from '../../sdk/mcp-sdk';
import { createUpstreamFetch, type UpstreamFetch } from '../../upstream/safe-fetch';
import { isRefusedAddress } from '../../upstream/upstream-errors';
import { UpstreamPool } from '../../upstream/upstream-pool';
import type { DeploymentRuntime, RuntimeDeployment, RuntimeHealth, RuntimeStart, UpstreamEndpoint } from '../deployment-runtime';
import { restBridgeServer } from './rest-bridge';
import { restServersOf, restToolsOf } from './rest-tools';

/** Reachability probe of a REST API's base URL (start and health). */
const PROBE_TIMEOUT_MS = 5_000;
/** The API request outlives the gateway's call timeout a little, so the caller gets the gateway's 504. */
const REQUEST_GRACE_MS = 1_000;

/**
 * REST APIs as MCP tools (server entries with `transport: "http"`). Each process serves the tools
 * from an in-process MCP server reached through an in-memory fetch: the gateway connects to it as to
 * any MCP endpoint, and the server's tools perform the mapped HTTP requests through the SSRF guard.
 * Nothing runs between calls, so any api replica serves any deployment without a start on it.
 */
@Injectable()
export class HttpRestRuntime implements DeploymentRuntime {
  readonly kind = 'http';
  private readonly fetch: UpstreamFetch;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pool: UpstreamPool,
  ) {
    this.fetch = createUpstreamFetch({
      allowPrivate: config.upstreamAllowPrivate,
      allowedAddresses: config.upstreamAllowedAddresses,
      maxResponseBytes: config.gateway.maxResponseBytes,
    });
  }

  accepts(toolConfig: Record<string, unknown>): boolean {
    return restServersOf(toolConfig).length > 0;
  }

  /** The API must answer (any HTTP status) at every server's base URL; then the tools are listed over MCP. */
  async start(deployment: RuntimeDeployment): Promise<RuntimeStart> {
    const probe = await this.health(deployment);
    if (!probe.ok) throw new Error(probe.error);
    const [endpoint] = await this.instances(deployment);
    return { tools: await this.pool.freshTools(deployment.id, endpoint) };
  }

  async stop(deploymentId: string): Promise<void> {
    await this.pool.evict(deploymentId);
  }

  /**
   * The in-process endpoint for the config: its URL names a digest of the config and timeout, so
   * the pool reconnects when a redeploy changes them, and keeps its client while it does not.
   */
  async instances(deployment: RuntimeDeployment): Promise<UpstreamEndpoint[]> {
    const requestTimeoutMs = (deployment.timeoutMs ?? this.config.gateway.callTimeoutMs) + REQUEST_GRACE_MS;
    const digest = createHash('sha256').update(JSON.stringify([deployment.toolConfig, requestTimeoutMs])).digest('base64url').slice(0, 22);
    const sdk = await serverSdk();
    const tools = restToolsOf(deployment.toolConfig);
    const options = { fetch: this.fetch, requestTimeoutMs };
    const handler = sdk.createMcpHandler(() => restBridgeServer(sdk, deployment.slug, tools, options));
    const fetch = (input: string | URL, init?: RequestInit) => handler.fetch(new Request(input, init));
    return [{ url: `http://rest-bridge.invalid/${deployment.id}/${digest}`, transport: 'streamable-http', fetch }];
  }

  async health(deployment: RuntimeDeployment): Promise<RuntimeHealth> {
    const started = performance.now();
    for (const server of restServersOf(deployment.toolConfig)) {
      try {
        const res = await this.fetch(server.url, { method: 'GET', headers: server.headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await res.body?.cancel();
      } catch (err) {
        const reason = isRefusedAddress(err) ? 'its address is not allowed (private, loopback or link-local)' : (err as Error).message;
        return { ok: false, latencyMs: performance.now() - started, error: `The REST API of server "${server.name}" is unreachable: ${reason}` };
      }
    }
    return { ok: true, latencyMs: performance.now() - started };
  }
}
