import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalIntIn } from '../validation/number-rules';

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;
/** Larger offsets (1e300 is an integer too) would reach the database as invalid SQL and answer 500. */
export const PAGE_OFFSET_MAX = 2_147_483_647;

/** `?limit=&offset=` for every API list (limit 1-200, default 50). Extend it for list filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: PAGE_LIMIT_DEFAULT, minimum: 1, maximum: PAGE_LIMIT_MAX })
  @OptionalIntIn(1, PAGE_LIMIT_MAX)
  limit: number = PAGE_LIMIT_DEFAULT;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: PAGE_OFFSET_MAX })
  @OptionalIntIn(0, PAGE_OFFSET_MAX)
  offset: number = 0;
}

export interface Paged<T> {
  items: T[];
  total: number;
}
