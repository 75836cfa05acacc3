import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_EXAMPLES, type ErrorStatus } from './error-examples';
import { ErrorResponseDto, ValidationIssueDto } from './error-response.dto';

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

/** The OpenAPI response of one error status: the shared error schema with the contract's example. */
export function errorResponse(status: ErrorStatus, example: object = ERROR_EXAMPLES[status].example) {
  return {
    description: ERROR_EXAMPLES[status].description,
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) }, example } },
  };
}

/**
 * `@ApiErrors(404, 409)`: documents the errors a route answers besides the ones every route can
 * (400/413/415/422 from its inputs, 429, 500, 503: added by `completeDocument`) and those of its
 * auth decorators (401, 403).
 */
export const ApiErrors = (...statuses: ErrorStatus[]) =>
  applyDecorators(
    ApiExtraModels(ErrorResponseDto, ValidationIssueDto),
    ...statuses.map((status) => ApiResponse({ status, ...errorResponse(status) })),
  );
