import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { DIMENSIONS, type Dimension } from '../../content/dimensions';
import { AnswerDto } from './answers.dto';
import { OptionalIntIn } from '../../common/validation/number-rules';

/** `?article=22` or `?dimension=acceptance` or `?mistakes=true` (the 错题本); nothing = any question. */
export class PracticeQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @OptionalIntIn(1, 50)
  article?: number;
  @ApiPropertyOptional({ enum: DIMENSIONS }) @IsOptional() @IsIn(DIMENSIONS) dimension?: Dimension;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  mistakes?: boolean;
}

/** A practice answer has the shape of a quiz answer (a question and the chosen options). */
export class PracticeAnswerDto extends AnswerDto {}
