import type { ValidationError } from 'class-validator';
import { ValidationIssue } from '../errors/validation-issue';
import { issueFromConstraint } from './issue-from-constraint';

function segment(property: string): string | number {
  return /^\d+$/.test(property) ? Number(property) : property;
}

/**
 * Turns class-validator's nested errors into the contract's flat list of `{loc, msg, type, ctx}`,
 * one entry per failed field (the first failing check of each field, like pydantic).
 */
export function flattenValidationErrors(errors: ValidationError[], prefix: (string | number)[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const loc = [...prefix, segment(error.property)];
    const names = Object.keys(error.constraints ?? {});
    if (names.length > 0) {
      // A required field that is absent fails every check; pydantic reports that once as "field required".
      const missing = error.value === undefined && !names.includes('whitelistValidation');
      const name = missing ? 'isDefined' : names.includes('whitelistValidation') ? 'whitelistValidation' : names[names.length - 1];
      const shape = issueFromConstraint(name, error.constraints?.[name] ?? '', error.target, error.property, error.contexts?.[name]);
      issues.push({ loc, ...shape, ...(shape.ctx ? { ctx: shape.ctx } : {}) });
    }
    if (error.children?.length) issues.push(...flattenValidationErrors(error.children, loc));
  }
  return issues;
}
