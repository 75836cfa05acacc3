import { AppException } from './app-exception';
import { ValidationIssue } from './validation-issue';

const RESOURCE_LABELS: Record<string, string> = {
  mcp_tool: 'MCP tool',
  task: 'Task',
  document: 'Document',
  user: 'User',
  api_key: 'API key',
  connection: 'Connection',
  deployment: 'Deployment',
  deployment_tool: 'Tool',
};

export const NotFound = (resourceType: string, resourceId: string) =>
  new AppException(404, 'NOT_FOUND', `${RESOURCE_LABELS[resourceType] ?? resourceType} not found`, {
    resource_type: resourceType,
    resource_id: resourceId,
  });

export const Conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new AppException(409, 'CONFLICT', detail, extra);

export const Forbidden = (requiredPermission: string, detail = 'Insufficient permissions to perform this action') =>
  new AppException(403, 'FORBIDDEN', detail, { required_permission: requiredPermission });

/** RFC 6750: a 401 names the scheme, so MCP clients and other HTTP clients know how to authenticate. */
export const Unauthorized = (detail = 'Invalid or expired token') =>
  new AppException(401, 'UNAUTHORIZED', detail, {}, { 'WWW-Authenticate': 'Bearer realm="mcp-platform"' });

export const InvalidRequest = (detail = 'Invalid request format') => new AppException(400, 'INVALID_REQUEST', detail);

export const ValidationFailed = (issues: ValidationIssue[]) => new AppException(422, 'VALIDATION_ERROR', issues);

export const PayloadTooLarge = (limitBytes: number) =>
  new AppException(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${limitBytes} bytes`, {
    limit_bytes: limitBytes,
  });

export const PreconditionFailed = (detail = 'The resource has changed since it was read (If-Match mismatch)') =>
  new AppException(412, 'PRECONDITION_FAILED', detail);

export const RateLimited = (retryAfterSeconds: number, detail = 'Rate limit exceeded. Please try again later.', extra: Record<string, unknown> = {}) =>
  new AppException(
    429,
    'RATE_LIMIT_EXCEEDED',
    detail,
    { retry_after: retryAfterSeconds, ...extra },
    { 'Retry-After': String(retryAfterSeconds) },
  );

/** How long a client is told to wait when a dependency (PostgreSQL, Redis, the queue) is down. */
export const RETRY_AFTER_SECONDS = 5;

export const ServiceUnavailable = (detail = 'A service this request needs is temporarily unavailable; please retry shortly') =>
  new AppException(503, 'SERVICE_UNAVAILABLE', detail, { retry_after: RETRY_AFTER_SECONDS }, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
