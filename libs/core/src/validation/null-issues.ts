import type { ValidationIssue } from '../errors/validation-issue';
import { isNullable } from './nullable.decorator';

type Loc = (string | number)[];

/** A DTO instance (or nested DTO), as opposed to free-form data kept as plain objects. */
const isDto = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && ![Object.prototype, null].includes(Object.getPrototypeOf(value));

const isDeclared = (instance: object, key: string) => Reflect.getMetadata('design:type', instance, key) !== undefined;

/**
 * Every declared field of a DTO (and of its nested DTOs) that holds `null` without being @Nullable.
 * Undeclared keys are left to the unknown-field check; free-form values are data and may hold nulls.
 */
export function nullIssues(instance: object, loc: Loc): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(instance)) {
    if (value === null && isDeclared(instance, key) && !isNullable(instance, key)) {
      issues.push({ loc: [...loc, key], msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => isDto(item) && issues.push(...nullIssues(item, [...loc, key, i])));
    } else if (isDto(value)) {
      issues.push(...nullIssues(value, [...loc, key]));
    }
  }
  return issues;
}
