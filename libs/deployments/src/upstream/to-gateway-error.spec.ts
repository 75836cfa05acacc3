import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { toGatewayError } from './to-gateway-error';
import { UpstreamRpcError } from './upstream-errors';

describe('toGatewayError', () => {
  it('keeps an upstream JSON-RPC error whole for MCP callers, a 502 TOOL_ERROR with its message for REST callers', () => {
    const mapped = toGatewayError(new ProtocolError(-32002, 'Resource weather://nowhere not found', { uri: 'weather://nowhere' }), 1_000, 1_024);
    expect(mapped).toBeInstanceOf(UpstreamRpcError);
    expect(mapped).toMatchObject({ status: 502, errorCode: 'TOOL_ERROR', detail: 'Resource weather://nowhere not found', extra: {} });
    expect((mapped as UpstreamRpcError).rpc).toEqual({ code: -32002, message: 'Resource weather://nowhere not found', data: { uri: 'weather://nowhere' } });
    expect((toGatewayError(new ProtocolError(-32602, 'Invalid params'), 1_000, 1_024) as UpstreamRpcError).rpc).toEqual({ code: -32602, message: 'Invalid params' });
  });

  it('still answers a timeout as 504 and anything else as 502 UPSTREAM_UNAVAILABLE', () => {
    expect(toGatewayError(new SdkError(SdkErrorCode.RequestTimeout, 'timed out'), 1_000, 1_024)).toMatchObject({ status: 504, errorCode: 'UPSTREAM_TIMEOUT' });
    expect(toGatewayError(new TypeError('fetch failed'), 1_000, 1_024)).toMatchObject({ status: 502, errorCode: 'UPSTREAM_UNAVAILABLE' });
  });
});
