import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class IndicatorQueryDto {
  @IsUUID() unitId: string;
  @IsString() @IsNotEmpty() period: string;
  @IsOptional() @IsIn(['own', 'subtree']) scope?: 'own' | 'subtree';
}

export class SetTargetDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100000) target: number;
}

export const NOTE_MAX = 1000;

/** 偏差原因 / 改进措施 of one indicator for a unit and period (empty text clears it). */
export class SetIndicatorNoteDto {
  @IsUUID() unitId: string;
  @IsString() @IsNotEmpty() period: string;
  @IsOptional() @IsString() @MaxLength(NOTE_MAX) deviationReason?: string;
  @IsOptional() @IsString() @MaxLength(NOTE_MAX) improvement?: string;
}
