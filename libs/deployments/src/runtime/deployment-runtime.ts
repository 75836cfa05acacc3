import type { Permission } from '@app/auth';
import type { ValidationIssue } from '@app/core';

/** A tool as the upstream lists it (MCP `Tool`): what the gateway validates arguments against. */
export interface UpstreamTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** How the gateway reaches one running instance: an MCP Streamable HTTP (or legacy SSE) endpoint. */
export interface UpstreamEndpoint {
  url: string;
  transport: 'streamable-http' | 'sse';
  /** Headers the upstream expects (from the tool config); never logged or returned. */
  headers?: Record<string, string>;
  /** An in-process server's fetch (e.g. the REST bridge), used instead of the network. */
  fetch?: (input: string | URL, init?: RequestInit) => Promise<Response>;
}

/** One running copy of a deployment's server, as GET /deployments/{id} shows it (every runtime fills the same shape). */
export interface DeploymentInstanceView {
  id: string;
  runtime: string;
  status: 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';
  restarts: number;
  started_at: string | null;
}

/** What a runtime needs to know about a deployment; the tool config is the pinned version's. */
export interface RuntimeDeployment {
  id: string;
  slug: string;
  toolConfig: Record<string, unknown>;
  replicas: number;
  resources: { cpu: string; memory: string };
  /** The deployment's own per-call timeout (config.timeout_ms), when it set one. */
  timeoutMs?: number;
}

export interface RuntimeStart {
  tools: UpstreamTool[];
}

export interface RuntimeHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/**
 * One kind of server behind a deployment (remote MCP today; local stdio, REST bridge and
 * Kubernetes next). The gateway only ever asks for `instances` and speaks MCP to them, so it never
 * knows which runtime it is talking to.
 */
export interface DeploymentRuntime {
  readonly kind: string;
  /** A permission deploying to this runtime needs beyond `deployments:write` (e.g. running local processes). */
  readonly requiredPermission?: Permission;
  /** Whether this runtime serves a tool config (e.g. a server entry with a `url`). */
  accepts(toolConfig: Record<string, unknown>): boolean;
  /** Refusals at deploy time (422), e.g. a command outside STDIO_ALLOWED_COMMANDS. */
  check?(toolConfig: Record<string, unknown>): ValidationIssue[];
  /** Brings the deployment up (worker side) and reports the tools it serves. */
  start(deployment: RuntimeDeployment): Promise<RuntimeStart>;
  /** Releases whatever start acquired; idempotent. */
  stop(deploymentId: string): Promise<void>;
  /** The endpoints that serve the deployment now (any replica may call any of them). */
  instances(deployment: RuntimeDeployment): Promise<UpstreamEndpoint[]>;
  health(deployment: RuntimeDeployment): Promise<RuntimeHealth>;
}

export const DEPLOYMENT_RUNTIMES = Symbol('DEPLOYMENT_RUNTIMES');
