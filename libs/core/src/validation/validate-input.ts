import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailed } from '../errors/domain-errors';
import type { ValidationIssue } from '../errors/validation-issue';
import { detachFreeForm, reattachFreeForm } from './free-form-fields';
import { flattenValidationErrors } from './flatten-validation-errors';
import { nullIssues } from './null-issues';

type Loc = (string | number)[];
type DtoClass<T> = ClassConstructor<T>;

/** One issue per location: the null report wins over the checks it made fail. */
function mergeByLoc(first: ValidationIssue[], second: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set(first.map((issue) => JSON.stringify(issue.loc)));
  return [...first, ...second.filter((issue) => !seen.has(JSON.stringify(issue.loc)))];
}

/**
 * Turns plain input into a validated DTO instance or throws a 422 listing every problem at its
 * `loc`. The one path every request DTO takes (the global pipe, and services that build a DTO from
 * another format, like server.json import). Unknown fields and `null` (unless @Nullable) are
 * errors; free-form JSON fields are kept exactly as sent.
 */
export async function validateInput<T extends object>(
  dto: DtoClass<T>,
  plain: Record<string, unknown>,
  loc: Loc,
  options: { convertStrings?: boolean } = {},
): Promise<T> {
  const { shaped, detached, reserved } = detachFreeForm(dto, plain, loc);
  const instance = plainToInstance(dto, shaped, { enableImplicitConversion: options.convertStrings ?? false });
  reattachFreeForm(instance, detached);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    validationError: { target: true, value: true },
  });
  const unknown = reserved.map((at): ValidationIssue => ({ loc: at, msg: 'extra fields not permitted', type: 'value_error.extra' }));
  const issues = mergeByLoc([...unknown, ...nullIssues(instance, loc)], flattenValidationErrors(errors, loc));
  if (issues.length > 0) throw ValidationFailed(issues);
  return instance;
}
