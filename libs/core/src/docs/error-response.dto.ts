import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/app-exception';
import type { ValidationIssue } from '../errors/validation-issue';

/** One entry of a 422 `detail` list (pydantic's shape, as the contract shows). */
export class ValidationIssueDto implements ValidationIssue {
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, example: ['body', 'version'] })
  loc: (string | number)[];

  @ApiProperty({ example: "string does not match regex '^\\d+\\.\\d+\\.\\d+$'" })
  msg: string;

  @ApiProperty({ example: 'value_error.str.regex' })
  type: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { pattern: '^\\d+\\.\\d+\\.\\d+$' } })
  ctx?: Record<string, unknown>;
}

/**
 * The one error body of the api: `{detail, error_code}` plus context fields that depend on the
 * error. It stays open to further context fields (see `completeDocument`).
 */
export class ErrorResponseDto {
  @ApiProperty({
    description: 'A message, or for VALIDATION_ERROR the list of invalid fields',
    oneOf: [{ type: 'string' }, { type: 'array', items: { $ref: getSchemaPath(ValidationIssueDto) } }],
  })
  detail: string | ValidationIssueDto[];

  @ApiProperty({ enum: ERROR_CODES })
  error_code: ErrorCode;

  @ApiPropertyOptional({ description: '403: the permission the caller lacks', example: 'mcps:delete' })
  required_permission?: string;

  @ApiPropertyOptional({ description: '404: the kind of resource not found', example: 'mcp_tool' })
  resource_type?: string;

  @ApiPropertyOptional({ description: '404: the id that was looked up', example: '770e8400-e29b-41d4-a716-446655440002' })
  resource_id?: string;

  @ApiPropertyOptional({ type: 'integer', description: '429 and 503: seconds to wait before retrying', example: 60 })
  retry_after?: number;

  @ApiPropertyOptional({ type: 'integer', description: '429 from a per-user cap (unfinished tasks): the cap', example: 100 })
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', description: '413: the body limit of the route in bytes', example: 1048576 })
  limit_bytes?: number;

  @ApiPropertyOptional({ type: 'integer', description: '502 TOOL_ERROR from a REST tool: the HTTP status the API answered with', example: 500 })
  upstream_status?: number;

  @ApiPropertyOptional({ description: '5xx: quote it when reporting the problem', example: 'abc123-def456-ghi789' })
  request_id?: string;
}
