import { AppException } from '@app/core';
import { isRefusedAddress, type JsonRpcError, ResponseTooLarge, ResponseTooLargeError, UpstreamRpcError, UpstreamTimeout, UpstreamUnavailable } from './upstream-errors';

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) chain.push(e);
  return chain;
}

/** The SDK reports stream failures as a new Error quoting ours, so the name is matched too. */
export function isResponseTooLarge(err: unknown): boolean {
  return causes(err).some(
    (e) => e instanceof ResponseTooLargeError || (e instanceof Error && e.message.includes(ResponseTooLargeError.name)),
  );
}

/** Maps whatever an upstream call threw to the gateway's error table (502/504, never a 500). */
export function toGatewayError(err: unknown, timeoutMs: number, maxResponseBytes: number): AppException {
  if (err instanceof AppException) return err;
  const chain = causes(err);
  if (isResponseTooLarge(err)) return ResponseTooLarge(maxResponseBytes);
  // Matched by shape, not class, so this module does not load the SDK: SdkError codes are strings,
  // JSON-RPC (ProtocolError) codes are numbers.
  if (chain.some((e) => (e as { code?: unknown }).code === 'REQUEST_TIMEOUT')) return UpstreamTimeout(timeoutMs);
  if (isRefusedAddress(err)) return UpstreamUnavailable('The upstream address is not allowed (private, loopback or link-local)');
  // An in-process bridge (REST runtime) reporting that the API behind it is unreachable.
  if ((err as { data?: { error_code?: unknown } }).data?.error_code === 'UPSTREAM_UNAVAILABLE') return UpstreamUnavailable((err as Error).message);
  // A JSON-RPC error the upstream answered with: it is reachable, the call itself failed.
  if (typeof (err as { code?: unknown }).code === 'number') {
    const { code, message, data } = err as JsonRpcError;
    return new UpstreamRpcError({ code, message, ...(data === undefined ? {} : { data }) });
  }
  return UpstreamUnavailable();
}
