/**
 * The MCP SDK packages take seconds to load on a busy host, so they are loaded on first use (and
 * warmed in the background once the process is up) rather than on the start-up path of every
 * api and worker process. `loaded()` hands the module over without an await once it is there, for
 * the gateway's per-request path.
 */
function once<T>(load: () => Promise<T>): (() => Promise<T>) & { loaded(): T | undefined } {
  let loading: Promise<T> | undefined;
  let loaded: T | undefined;
  const get = () => (loading ??= load().then((module) => (loaded = module)));
  return Object.assign(get, { loaded: () => loaded });
}

export const clientSdk = once(() => import('@modelcontextprotocol/client'));

export const serverSdk = once(async () => {
  const [server, node] = await Promise.all([import('@modelcontextprotocol/server'), import('@modelcontextprotocol/node')]);
  return { ...server, toNodeHandler: node.toNodeHandler, toWebRequest: node.toWebRequest };
});

/** Types from the loaded (ESM) modules, which are what the loaders return. */
export type ClientSdk = Awaited<ReturnType<typeof clientSdk>>;
export type ServerSdk = Awaited<ReturnType<typeof serverSdk>>;
export type McpClient = InstanceType<ClientSdk['Client']>;
export type McpLowLevelServer = InstanceType<ServerSdk['Server']>;
