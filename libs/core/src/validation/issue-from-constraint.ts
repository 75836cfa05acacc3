import { getMetadataStorage } from 'class-validator';

type Loc = (string | number)[];

interface IssueShape {
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}

/** Arguments a decorator was declared with (e.g. the regex of @Matches), so `ctx` can repeat them. */
function constraintArgs(target: object | undefined, property: string, name: string): unknown[] {
  if (!target) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const meta = metas.find((m) => m.propertyName === property && (m.name === name || m.constraintCls?.name === name));
  return meta?.constraints ?? [];
}

/** Pydantic-v1 style types: the contract's 422 example (`value_error.str.regex`) sets the vocabulary. */
export function issueFromConstraint(
  name: string,
  message: string,
  target: object | undefined,
  property: string,
  context?: Record<string, unknown>,
): IssueShape {
  const [arg0, arg1] = constraintArgs(target, property, name);
  switch (name) {
    case 'matches': {
      const pattern = arg0 instanceof RegExp ? arg0.source : String(arg0);
      return { msg: `string does not match regex '${pattern}'`, type: 'value_error.str.regex', ctx: { pattern } };
    }
    case 'minLength':
      return { msg: `ensure this value has at least ${arg0} characters`, type: 'value_error.any_str.min_length', ctx: { limit_value: arg0 } };
    case 'maxLength':
      return { msg: `ensure this value has at most ${arg0} characters`, type: 'value_error.any_str.max_length', ctx: { limit_value: arg0 } };
    case 'isLength':
      return {
        msg: `ensure this value has between ${arg0} and ${arg1} characters`,
        type: 'value_error.any_str.length',
        ctx: { min_length: arg0, max_length: arg1 },
      };
    case 'min':
      return { msg: `ensure this value is greater than or equal to ${arg0}`, type: 'value_error.number.not_ge', ctx: { limit_value: arg0 } };
    case 'max':
      return { msg: `ensure this value is less than or equal to ${arg0}`, type: 'value_error.number.not_le', ctx: { limit_value: arg0 } };
    case 'isIn':
      return { msg: `value is not a valid enumeration member; permitted: ${(arg0 as unknown[]).join(', ')}`, type: 'type_error.enum', ctx: { enum_values: arg0 } };
    case 'isEnum': {
      const values = Object.values(arg0 as object);
      return { msg: `value is not a valid enumeration member; permitted: ${values.join(', ')}`, type: 'type_error.enum', ctx: { enum_values: values } };
    }
    case 'isString':
      return { msg: 'str type expected', type: 'type_error.str' };
    case 'isInt':
      return { msg: 'value is not a valid integer', type: 'type_error.integer' };
    case 'isNumber':
      return { msg: 'value is not a valid number', type: 'type_error.number' };
    case 'isBoolean':
      return { msg: 'value could not be parsed to a boolean', type: 'type_error.bool' };
    case 'isObject':
      return { msg: 'value is not a valid dict', type: 'type_error.dict' };
    case 'isArray':
      return { msg: 'value is not a valid list', type: 'type_error.list' };
    case 'isUuid':
    case 'isUUID':
      return { msg: 'value is not a valid uuid', type: 'type_error.uuid' };
    case 'isEmail':
      return { msg: 'value is not a valid email address', type: 'value_error.email' };
    case 'isUrl':
      return { msg: 'invalid or missing URL scheme', type: 'value_error.url' };
    case 'isDateString':
    case 'isIso8601':
      return { msg: 'invalid datetime format', type: 'value_error.datetime' };
    case 'isFutureDate':
      return { msg: 'date must be in the future', type: 'value_error.date.not_in_the_future' };
    case 'isNotEmpty':
    case 'isDefined':
      return { msg: 'field required', type: 'value_error.missing' };
    case 'whitelistValidation':
      return { msg: 'extra fields not permitted', type: 'value_error.extra' };
    case 'arrayMaxSize':
      return { msg: `ensure this value has at most ${arg0} items`, type: 'value_error.list.max_items', ctx: { limit_value: arg0 } };
    case 'arrayMinSize':
      return { msg: `ensure this value has at least ${arg0} items`, type: 'value_error.list.min_items', ctx: { limit_value: arg0 } };
    default:
      return { msg: message, type: context?.type ? String(context.type) : `value_error.${name}`, ctx: context };
  }
}

export type { Loc, IssueShape };
