/**
 * The contract's error bodies (api-usage-examples.md, "Error Handling"), shown as the example of
 * each documented error status; statuses the contract does not show follow the same shape.
 */
export const ERROR_EXAMPLES = {
  400: { description: 'Malformed request', example: { detail: 'Invalid request format', error_code: 'INVALID_REQUEST' } },
  401: { description: 'Missing, invalid or expired credentials', example: { detail: 'Invalid or expired token', error_code: 'UNAUTHORIZED' } },
  403: {
    description: 'The caller lacks the permission',
    example: { detail: 'Insufficient permissions to perform this action', error_code: 'FORBIDDEN', required_permission: 'mcps:delete' },
  },
  404: {
    description: 'No such resource (or not visible to the caller)',
    example: {
      detail: 'MCP tool not found',
      error_code: 'NOT_FOUND',
      resource_type: 'mcp_tool',
      resource_id: '770e8400-e29b-41d4-a716-446655440002',
    },
  },
  405: {
    description: 'The route does not answer this method (see Allow)',
    example: { detail: 'Method GET is not allowed on this endpoint', error_code: 'METHOD_NOT_ALLOWED', allowed: ['POST'] },
  },
  409: { description: 'Conflicts with the current state', example: { detail: 'Slug weather-tool is already taken', error_code: 'CONFLICT' } },
  412: {
    description: 'If-Match does not match the current ETag',
    example: { detail: 'The resource has changed since it was read (If-Match mismatch)', error_code: 'PRECONDITION_FAILED' },
  },
  413: {
    description: 'Request body too large',
    example: { detail: 'Request body exceeds the limit of 1048576 bytes', error_code: 'PAYLOAD_TOO_LARGE', limit_bytes: 1048576 },
  },
  415: { description: 'Unsupported body encoding', example: { detail: 'Unsupported request body encoding', error_code: 'UNSUPPORTED_MEDIA_TYPE' } },
  422: {
    description: 'Invalid field values',
    example: {
      detail: [
        {
          loc: ['body', 'version'],
          msg: "string does not match regex '^\\d+\\.\\d+\\.\\d+$'",
          type: 'value_error.str.regex',
          ctx: { pattern: '^\\d+\\.\\d+\\.\\d+$' },
        },
      ],
      error_code: 'VALIDATION_ERROR',
    },
  },
  429: {
    description: 'Rate limit exceeded (see Retry-After)',
    example: { detail: 'Rate limit exceeded. Please try again later.', error_code: 'RATE_LIMIT_EXCEEDED', retry_after: 60 },
  },
  500: {
    description: 'Unexpected error',
    example: { detail: 'An internal error occurred', error_code: 'INTERNAL_ERROR', request_id: 'abc123-def456-ghi789' },
  },
  502: {
    description: 'An upstream server failed',
    example: { detail: 'Upstream server did not answer', error_code: 'BAD_GATEWAY', request_id: 'abc123-def456-ghi789' },
  },
  504: {
    description: 'An upstream server did not answer in time',
    example: {
      detail: 'The upstream MCP server did not answer within 30000 ms',
      error_code: 'UPSTREAM_TIMEOUT',
      timeout_ms: 30000,
      request_id: 'abc123-def456-ghi789',
    },
  },
  503: {
    description: 'A dependency (PostgreSQL, Redis) is down; retry later',
    example: { detail: 'Service unavailable: database down', error_code: 'SERVICE_UNAVAILABLE', retry_after: 5, request_id: 'abc123-def456-ghi789' },
  },
} as const;

export type ErrorStatus = keyof typeof ERROR_EXAMPLES;
