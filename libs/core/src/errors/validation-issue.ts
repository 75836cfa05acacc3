/**
 * One entry of a 422 VALIDATION_ERROR `detail` list, in the contract's shape.
 * `loc` starts with where the value came from (`body`, `query`, `path`) followed by the field path.
 */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}
