import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { ANY_JSON_SCHEMAS } from './any-json.decorator';
import { errorResponse } from './api-errors.decorator';
import type { ErrorStatus } from './error-examples';
import { ErrorResponseDto } from './error-response.dto';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const UUID_PARAM = /^(id|.+_id|.+Id)$/;

/** Errors any route can answer, derived from what the route takes as input. */
function commonErrors(operation: OperationObject): ErrorStatus[] {
  const inputs = Boolean(operation.requestBody) || (operation.parameters ?? []).some((p) => 'in' in p && p.in !== 'header');
  return [...(operation.requestBody ? ([400, 413, 415] as const) : []), ...(inputs ? ([422] as const) : []), 429, 500, 503];
}

function isParameter(p: ParameterObject | ReferenceObject): p is ParameterObject {
  return 'in' in p;
}

/**
 * Fills in what would otherwise be repeated on every route: the shared errors, `format: uuid` on
 * path ids (every `:id` / `:*_id` goes through UuidParamPipe), one entry per security scheme, and the
 * error schema left open to further context fields.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const status of commonErrors(operation)) operation.responses[status] ??= errorResponse(status);
      for (const param of (operation.parameters ?? []).filter(isParameter)) {
        const schema = param.schema as SchemaObject | undefined;
        if (param.in === 'path' && UUID_PARAM.test(param.name) && schema && !schema.format) schema.format = 'uuid';
      }
      if (operation.security) {
        operation.security = [...new Map(operation.security.map((s) => [JSON.stringify(s), s])).values()];
      }
    }
  }
  const errorSchema = document.components?.schemas?.[getSchemaPath(ErrorResponseDto).split('/').pop() as string] as SchemaObject | undefined;
  if (errorSchema) errorSchema.additionalProperties = true;
  for (const name of ANY_JSON_SCHEMAS) {
    const schema = document.components?.schemas?.[name] as SchemaObject | undefined;
    if (schema) document.components!.schemas![name] = { description: schema.description ?? 'Any JSON value' };
  }
  return document;
}
