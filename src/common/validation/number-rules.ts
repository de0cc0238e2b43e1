import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

// Each list is the stacked decorators' order reversed (applyDecorators runs top-down), so the checks
// and which message comes first stay as they were.

/** A whole number from `min` to `max`, converted from the query or form string. */
export const IntIn = (min: number, max: number) =>
  applyDecorators(
    Max(max),
    Min(min),
    IsInt(),
    Type(() => Number),
  );

/** IntIn, and the field may be left out. */
export const OptionalIntIn = (min: number, max: number) => applyDecorators(IntIn(min, max), IsOptional());
