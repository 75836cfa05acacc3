import { ValidationIssue } from './validation-issue';

/** Every `error_code` the api answers with; the OpenAPI error schema enumerates them from here. */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'VALIDATION_ERROR',
  'RATE_LIMIT_EXCEEDED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
  'BAD_GATEWAY',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_RESPONSE_TOO_LARGE',
  'TOOL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A domain error that the global filter renders as `{detail, error_code, ...extra}`.
 * Services throw these; nothing builds an error response by hand.
 */
export class AppException extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: ErrorCode,
    readonly detail: string | ValidationIssue[],
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : errorCode);
  }
}
