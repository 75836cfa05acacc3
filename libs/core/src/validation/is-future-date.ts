import { ValidateBy, type ValidationOptions } from 'class-validator';

export const IS_FUTURE_DATE = 'isFutureDate';

/** An ISO 8601 date-time that is still ahead of now (e.g. an expiry); pair it with @IsDateString for the format. */
export function IsFutureDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_FUTURE_DATE,
      validator: { validate: (value: unknown) => typeof value === 'string' && Date.parse(value) > Date.now() },
    },
    options,
  );
}
