import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class IndicatorQueryDto {
  @IsUUID() unitId: string;
  @IsString() @IsNotEmpty() period: string;
  @IsOptional() @IsIn(['own', 'subtree']) scope?: 'own' | 'subtree';
}

/** A target: bureau-wide by default, or for one year (2026) and/or one unit only. */
export class SetTargetDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100000) target: number;
  @IsOptional() @Matches(/^\d{4}$/, { message: '年度写 4 位数字，例如 2026' }) year?: string;
  @IsOptional() @IsUUID() unitId?: string;
}

export const REOPEN_REASON_MAX = 500;

/** Why a closed period is opened again (audited). */
export class ReopenPeriodDto {
  @IsOptional() @IsString() @MaxLength(REOPEN_REASON_MAX) reason?: string;
}

export const NOTE_MAX = 1000;

/** 偏差原因 / 改进措施 of one indicator for a unit and period (empty text clears it). */
export class SetIndicatorNoteDto {
  @IsUUID() unitId: string;
  @IsString() @IsNotEmpty() period: string;
  @IsOptional() @IsString() @MaxLength(NOTE_MAX) deviationReason?: string;
  @IsOptional() @IsString() @MaxLength(NOTE_MAX) improvement?: string;
}
