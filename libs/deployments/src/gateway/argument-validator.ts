import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ValidationIssue } from '@app/core';

const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
addFormats(ajv);

function issueOf(error: ErrorObject): ValidationIssue {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { loc: ['body', ...path, missing], msg: 'field required', type: 'value_error.missing' };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { loc: ['body', ...path, extra], msg: 'extra fields not permitted', type: 'value_error.extra' };
  }
  return { loc: ['body', ...path], msg: error.message ?? 'invalid value', type: `value_error.${error.keyword}`, ctx: error.params };
}

export type ArgumentCheck = (args: unknown) => ValidationIssue[];

/**
 * Compiles a tool's `inputSchema` once (per resolved deployment). The `$schema` keyword is dropped
 * so schemas of any draft an upstream emits compile with the same validator.
 */
export function compileArgumentCheck(inputSchema: Record<string, unknown>): ArgumentCheck {
  let validate: ValidateFunction;
  try {
    const { $schema: _ignored, ...schema } = inputSchema;
    validate = ajv.compile(schema);
  } catch {
    // An upstream schema we cannot compile is left to the upstream to enforce.
    return () => [];
  }
  return (args) => (validate(args) ? [] : (validate.errors ?? []).map(issueOf));
}
