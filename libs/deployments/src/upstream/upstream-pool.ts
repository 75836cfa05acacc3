import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { CallToolResult, ServerCapabilities } from '@modelcontextprotocol/client';
import { APP_CONFIG, type AppConfig } from '@app/core';
import type { UpstreamEndpoint, RuntimeHealth, UpstreamTool } from '../runtime/deployment-runtime';
import { clientSdk, type McpClient as Client } from '../sdk/mcp-sdk';
import { createUpstreamFetch, type UpstreamFetch } from './safe-fetch';
import { isResponseTooLarge, toGatewayError } from './to-gateway-error';
import { ResponseTooLargeError } from './upstream-errors';
import { withoutUpstreamIdentity } from './upstream-result';

interface PooledClient {
  key: string;
  client: Promise<Client>;
  lastUsed: number;
  /** Calls in flight, so a failure the SDK only reports out of band can fail them at once. */
  inflight: Set<AbortController>;
}

const CONNECT_TIMEOUT_MS = 10_000;
const HEALTH_TIMEOUT_MS = 5_000;
const CLIENT_INFO = { name: 'mcp-platform-gateway', version: '1.0.0' };
/**
 * Streamable HTTP upstreams that offer protocol revision 2026-07-28 are spoken to in it: connect asks
 * `server/discover` once, and every call is then one request answered with plain JSON, which costs the
 * client less than an SSE stream. Upstreams that answer the probe with a legacy signal (a 4xx other
 * than 401/403, a JSON-RPC error, no 2026 version offered) get the 2025 `initialize` handshake on the
 * same connect; a probe that times out or meets a 5xx, 401 or 403 fails the connect as it would have.
 */
const NEGOTIATE = { versionNegotiation: { mode: 'auto' as const } };

/** The fields of an MCP Tool the platform stores and serves (a server's extensions stay upstream). */
export function toUpstreamTool(tool: UpstreamTool): UpstreamTool {
  const { name, title, description, inputSchema, outputSchema, annotations } = tool;
  return JSON.parse(JSON.stringify({ name, title, description, inputSchema, outputSchema, annotations })) as UpstreamTool;
}

function endpointKey(endpoint: UpstreamEndpoint): string {
  return `${endpoint.transport} ${endpoint.url} ${JSON.stringify(endpoint.headers ?? {})}`;
}

/**
 * One MCP client connection per deployment per process, shared by every concurrent call (each call
 * is its own HTTP request on pooled keep-alive sockets). Bounded: the least recently used entry is
 * closed past GATEWAY_POOL_SIZE, and idle entries are closed after GATEWAY_POOL_IDLE_MS, so clients
 * that vanish leave nothing behind.
 */
@Injectable()
export class UpstreamPool implements OnApplicationShutdown {
  private readonly entries = new Map<string, PooledClient>();
  private readonly fetch: UpstreamFetch;
  private readonly sweeper: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.fetch = createUpstreamFetch({
      allowPrivate: config.upstreamAllowPrivate,
      allowedAddresses: config.upstreamAllowedAddresses,
      maxResponseBytes: config.gateway.maxResponseBytes,
    });
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(config.gateway.poolIdleMs, 30_000)).unref();
  }

  async callTool(deploymentId: string, endpoint: UpstreamEndpoint, name: string, args: Record<string, unknown>, timeoutMs: number): Promise<CallToolResult> {
    return this.use(deploymentId, endpoint, timeoutMs, async (client, signal) =>
      withoutUpstreamIdentity((await client.callTool({ name, arguments: args }, { timeout: timeoutMs, signal })) as CallToolResult),
    );
  }

  async listTools(deploymentId: string, endpoint: UpstreamEndpoint): Promise<UpstreamTool[]> {
    return this.use(deploymentId, endpoint, CONNECT_TIMEOUT_MS, async (client) => (await client.listTools()).tools.map(toUpstreamTool));
  }

  /** A (re)start's tool list over a new connection: it must not reuse what a previous generation connected to. */
  async freshTools(deploymentId: string, endpoint: UpstreamEndpoint): Promise<UpstreamTool[]> {
    await this.evict(deploymentId);
    return this.listTools(deploymentId, endpoint);
  }

  /** What the upstream advertised when it was connected (resources, prompts, ...). */
  async capabilities(deploymentId: string, endpoint: UpstreamEndpoint): Promise<ServerCapabilities> {
    return this.use(deploymentId, endpoint, CONNECT_TIMEOUT_MS, async (client) => client.getServerCapabilities() ?? {});
  }

  /** Passes any other request (resources, prompts) through unchanged, but for the upstream's identity stamp. */
  async request(deploymentId: string, endpoint: UpstreamEndpoint, method: string, params: Record<string, unknown> | undefined, timeoutMs: number): Promise<Record<string, unknown>> {
    return this.use(deploymentId, endpoint, timeoutMs, async (client, signal) => {
      const c = client as unknown as { request(req: { method: string; params?: unknown }, opts: { timeout: number; signal: AbortSignal }): Promise<Record<string, unknown>> };
      return withoutUpstreamIdentity(await c.request({ method, params }, { timeout: timeoutMs, signal }));
    });
  }

  /**
   * `ping`, falling back to `tools/list` for servers that do not implement it; 2026-07-28 has no
   * `ping`, so there it is `server/discover`, the era's cheapest request.
   */
  async ping(deploymentId: string, endpoint: UpstreamEndpoint): Promise<RuntimeHealth> {
    const started = performance.now();
    const timeout = { timeout: HEALTH_TIMEOUT_MS };
    try {
      await this.use(deploymentId, endpoint, HEALTH_TIMEOUT_MS, (client) =>
        client.getProtocolEra() === 'modern'
          ? client.discover(timeout)
          : client.ping(timeout).catch(() => client.listTools(undefined, timeout)),
      );
      return { ok: true, latencyMs: performance.now() - started };
    } catch (err) {
      return { ok: false, latencyMs: performance.now() - started, error: (err as Error).message };
    }
  }

  async evict(deploymentId: string): Promise<void> {
    const entry = this.entries.get(deploymentId);
    if (!entry) return;
    this.entries.delete(deploymentId);
    await entry.client.then((c) => c.close()).catch(() => undefined);
  }

  /** Runs `fn` on the pooled client; a failed connection is dropped so the next call reconnects. */
  private async use<T>(deploymentId: string, endpoint: UpstreamEndpoint, timeoutMs: number, fn: (client: Client, signal: AbortSignal) => Promise<T>): Promise<T> {
    const entry = this.entry(deploymentId, endpoint);
    const call = new AbortController();
    entry.inflight.add(call);
    try {
      return await fn(await entry.client, call.signal);
    } catch (err) {
      const mapped = toGatewayError(call.signal.aborted ? call.signal.reason : err, timeoutMs, this.config.gateway.maxResponseBytes);
      if (mapped.errorCode === 'UPSTREAM_UNAVAILABLE' && this.entries.get(deploymentId) === entry) void this.evict(deploymentId);
      throw mapped;
    } finally {
      entry.inflight.delete(call);
    }
  }

  private entry(deploymentId: string, endpoint: UpstreamEndpoint): PooledClient {
    const key = endpointKey(endpoint);
    const existing = this.entries.get(deploymentId);
    if (existing && existing.key === key) {
      existing.lastUsed = Date.now();
      // Re-insert: Map order is the LRU order.
      this.entries.delete(deploymentId);
      this.entries.set(deploymentId, existing);
      return existing;
    }
    if (existing) void this.evict(deploymentId);
    if (this.entries.size >= this.config.gateway.poolSize) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) void this.evict(oldest);
    }
    const inflight = new Set<AbortController>();
    const entry: PooledClient = { key, client: this.connect(endpoint, inflight), lastUsed: Date.now(), inflight };
    entry.client.catch(() => (this.entries.get(deploymentId) === entry ? this.entries.delete(deploymentId) : undefined));
    this.entries.set(deploymentId, entry);
    return entry;
  }

  private async connect(endpoint: UpstreamEndpoint, inflight: Set<AbortController>): Promise<Client> {
    const { Client, SSEClientTransport, StreamableHTTPClientTransport } = await clientSdk();
    // The deprecated SSE transport predates 2026-07-28: it stays on the 2025 handshake.
    const client = new Client(CLIENT_INFO, endpoint.transport === 'streamable-http' ? NEGOTIATE : {});
    // An oversized streamed (SSE) answer fails inside the transport, which reports it here (wrapped)
    // rather than to the call; which call it belonged to is unknown, so every call in flight fails
    // with it. An oversized JSON answer is reported here as it is and also fails its own call, so
    // the calls beside it go on.
    client.onerror = (err) => {
      if (err instanceof ResponseTooLargeError || !isResponseTooLarge(err)) return;
      for (const call of inflight) call.abort(err);
    };
    const options = { fetch: endpoint.fetch ?? this.fetch, requestInit: { headers: endpoint.headers ?? {} } };
    const url = new URL(endpoint.url);
    const transport = endpoint.transport === 'sse' ? new SSEClientTransport(url, options) : new StreamableHTTPClientTransport(url, options);
    await client.connect(transport, { timeout: CONNECT_TIMEOUT_MS });
    return client;
  }

  private sweepIdle(): void {
    const cutoff = Date.now() - this.config.gateway.poolIdleMs;
    for (const [id, entry] of this.entries) if (entry.lastUsed < cutoff) void this.evict(id);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.entries.keys()].map((id) => this.evict(id)));
  }
}
