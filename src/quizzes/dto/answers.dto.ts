import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IntIn } from '../../common/validation/number-rules';
import { OptionalNestedList } from '../../common/validation/list-rules';

export class AnswerDto {
  @ApiProperty() @IsString() @MaxLength(64) questionId: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  optionIds: string[];
}

/** PUT /api/attempts/:id/answers: the answers to save (merged into what is saved; an empty list clears one). */
export class SaveAnswersDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

export class SubmitAttemptDto {
  @ApiPropertyOptional({ type: [AnswerDto] })
  @OptionalNestedList(AnswerDto, 200)
  answers?: AnswerDto[];
}

export class OverrideDto {
  @ApiProperty({ minimum: 0, maximum: 600 })
  @IntIn(0, 600)
  extraMinutes: number;
  @ApiProperty({ minimum: 0, maximum: 20 })
  @IntIn(0, 20)
  extraAttempts: number;
}

/** The page form of an override: the officer by username. */
export class OverrideFormDto extends OverrideDto {
  @ApiProperty() @IsString() @MaxLength(64) username: string;
}
