import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-errors';
import { validateInput } from './validate-input';

const LOCATION: Partial<Record<ArgumentMetadata['type'], string>> = { body: 'body', query: 'query', param: 'path' };
const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/**
 * Validates DTOs (see validateInput) and reports failures in the contract's 422 shape with a `loc`
 * that says where the value came from. A route that takes a body gets 422 when none was sent.
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  /** Synchronous for values it leaves alone (path strings, free-form bodies): no promise per parameter. */
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const location = LOCATION[metadata.type];
    const metatype = metadata.metatype;
    if (!location || !metatype || PRIMITIVES.has(metatype)) return value;
    if (location === 'body' && value === undefined) {
      throw ValidationFailed([{ loc: ['body'], msg: 'field required', type: 'value_error.missing' }]);
    }
    if (location === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw ValidationFailed([{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }]);
    }
    return validateInput(metatype as new () => object, (value ?? {}) as Record<string, unknown>, [location], { convertStrings: location !== 'body' });
  }
}
