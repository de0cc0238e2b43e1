import { ValidateIf } from 'class-validator';

/**
 * Like `@IsOptional()` for PATCH fields, but only an absent field is skipped: `null` is still
 * validated (and refused by the field's other rules) instead of reaching a NOT NULL column as a 500.
 */
export const IsOptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
