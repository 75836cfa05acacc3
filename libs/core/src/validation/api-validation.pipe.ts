import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailed } from '../errors/domain-errors';
import { flattenValidationErrors } from './flatten-validation-errors';

const LOCATION: Partial<Record<ArgumentMetadata['type'], string>> = { body: 'body', query: 'query', param: 'path' };
const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/**
 * Validates DTOs with class-validator and reports failures in the contract's 422 shape with a `loc`
 * that says where the value came from. Unknown fields are errors, never silently kept.
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const location = LOCATION[metadata.type];
    const metatype = metadata.metatype;
    if (!location || !metatype || PRIMITIVES.has(metatype)) return value;
    if (location === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw ValidationFailed([{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }]);
    }
    const instance = plainToInstance(metatype, value ?? {}, { enableImplicitConversion: location !== 'body' });
    const errors = await validate(instance as object, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: false,
      validationError: { target: true, value: true },
    });
    if (errors.length > 0) throw ValidationFailed(flattenValidationErrors(errors, [location]));
    return instance;
  }
}
