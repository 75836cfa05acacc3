import { ValidateIf } from 'class-validator';

const NULLABLE = 'validation:nullable';

/**
 * Lets a DTO field accept an explicit `null` (its other checks then skip it). Without it, `null` is
 * a 422 ("none is not an allowed value") even for optional fields, so a partial update can never
 * write NULL into a column by accident. Pair it with `nullable: true` in the field's @ApiProperty.
 */
export function Nullable(): PropertyDecorator {
  return (target, key) => {
    Reflect.defineMetadata(NULLABLE, true, target, key);
    ValidateIf((object: Record<string | symbol, unknown>) => object[key] !== null)(target, key);
  };
}

export function isNullable(instance: object, key: string): boolean {
  return Reflect.getMetadata(NULLABLE, instance, key) === true;
}
