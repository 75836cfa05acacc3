import { HttpException } from '@nestjs/common';
import { AppException, ErrorCode } from './app-exception';
import { isDependencyUnavailable } from './dependency-unavailable';
import { ServiceUnavailable } from './domain-errors';

export interface RenderedError {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMIT_EXCEEDED',
  503: 'SERVICE_UNAVAILABLE',
};

/** body-parser errors carry a `type`; they are the client's fault and must not read as 500s. */
function fromBodyParser(err: { type?: string; status?: number; limit?: number }): AppException | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppException(400, 'INVALID_REQUEST', 'Invalid request format: malformed JSON body');
    case 'entity.too.large':
      return new AppException(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${err.limit} bytes`, {
        limit_bytes: err.limit,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported request body encoding');
    case undefined: // not a body-parser error
      return undefined;
    default:
      return err.type && err.status && err.status < 500
        ? new AppException(err.status, CODE_BY_STATUS[err.status] ?? 'INVALID_REQUEST', 'Invalid request format')
        : undefined;
  }
}

function fromHttpException(err: HttpException): AppException {
  const status = err.getStatus();
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_REQUEST');
  if (status === 404) return new AppException(404, 'NOT_FOUND', 'Resource not found', { resource_type: 'route' });
  const response = err.getResponse();
  const message = typeof response === 'object' && response && 'message' in response ? response.message : err.message;
  return new AppException(status, code, typeof message === 'string' ? message : err.message);
}

/** Maps anything thrown to the contract's error shape; unknown errors become an opaque 500. */
export function toAppException(err: unknown): AppException | undefined {
  if (err instanceof AppException) return err;
  if (err instanceof HttpException) return fromHttpException(err);
  const parseError = err && typeof err === 'object' && 'type' in err ? fromBodyParser(err as { type?: string }) : undefined;
  if (parseError) return parseError;
  if (isDependencyUnavailable(err)) return ServiceUnavailable();
  return undefined;
}

export function renderError(err: unknown, requestId: string): RenderedError {
  const known = toAppException(err);
  if (!known || known.status >= 500) {
    return {
      status: known?.status ?? 500,
      body: {
        detail: known && known.status !== 500 ? known.detail : 'An internal error occurred',
        error_code: known?.errorCode ?? 'INTERNAL_ERROR',
        ...(known?.extra ?? {}),
        request_id: requestId,
      },
      headers: known?.headers ?? {},
    };
  }
  return {
    status: known.status,
    body: { detail: known.detail, error_code: known.errorCode, ...known.extra },
    headers: known.headers,
  };
}
