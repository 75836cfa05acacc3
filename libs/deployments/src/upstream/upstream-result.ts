import { clientSdk } from '../sdk/mcp-sdk';

/**
 * A result as the gateway passes it on, without the name and version a 2026-07-28 upstream stamps
 * into `_meta`: the gateway answers as its own server (the deployment), and its SDK server keeps a
 * stamp it finds rather than adding its own. Other `_meta` entries (the tool's own) pass unchanged.
 */
export async function withoutUpstreamIdentity<T extends object>(result: T): Promise<T> {
  const meta = (result as { _meta?: unknown })._meta;
  // Legacy (2025) answers carry no stamp; the SDK is loaded by then (the connect needed it).
  if (typeof meta !== 'object' || meta === null) return result;
  const { SERVER_INFO_META_KEY } = await clientSdk();
  if (!(SERVER_INFO_META_KEY in meta)) return result;
  const { [SERVER_INFO_META_KEY]: _upstream, ...kept } = meta as Record<string, unknown>;
  const { _meta, ...fields } = result as T & { _meta: unknown };
  return (Object.keys(kept).length ? { ...fields, _meta: kept } : fields) as T;
}
