import { AppException } from '@app/core';
import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { isRefusedAddress, ResponseTooLarge, ResponseTooLargeError, ToolError, UpstreamTimeout, UpstreamUnavailable } from './upstream-errors';

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
  if (chain.some((e) => e instanceof SdkError && e.code === SdkErrorCode.RequestTimeout)) return UpstreamTimeout(timeoutMs);
  if (isRefusedAddress(err)) return UpstreamUnavailable('The upstream address is not allowed (private, loopback or link-local)');
  // A JSON-RPC error the upstream answered with: it is reachable, the call itself failed.
  if (err instanceof ProtocolError) return ToolError(err.message);
  return UpstreamUnavailable();
}
