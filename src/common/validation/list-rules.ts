import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

// applyDecorators runs its list top-down while stacked decorators run bottom-up: each list below is
// the stacked order reversed, so the checks (and which message comes first) stay as they were.

/** An optional list of at most `max` record ids (up to 36 characters each): unitIds, userIds, ... */
export const OptionalIdList = (max: number) =>
  applyDecorators(
    MaxLength(36, { each: true }),
    IsString({ each: true }),
    ArrayMaxSize(max),
    IsArray(),
    IsOptional(),
  );

/** An optional list of choices from `values` (roles, ...), no longer than `values` itself. */
export const OptionalChoiceList = (values: readonly string[]) =>
  applyDecorators(IsIn(values, { each: true }), ArrayMaxSize(values.length), IsArray(), IsOptional());

/** An optional list of at most `max` nested objects, each converted to and validated as `item`. */
export const OptionalNestedList = (item: new () => object, max: number) =>
  applyDecorators(
    Type(() => item),
    ValidateNested({ each: true }),
    ArrayMaxSize(max),
    IsArray(),
    IsOptional(),
  );
