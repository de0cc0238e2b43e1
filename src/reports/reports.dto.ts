import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DIMENSIONS, type DimensionCode } from '../scoring/model/capability-model';
import { OFFICER_SORTS, SCORE_BANDS, type OfficerSort, type ScoreBand } from './report.sql';
import { OptionalIntIn } from '../common/validation/number-rules';

/** The officer list's paging, sorting and filters (also the export's filters). */
export class OfficerQueryDto {
  @ApiPropertyOptional({ description: 'Only this unit of the subtree (and the units below it)' })
  @IsOptional()
  @IsUUID()
  subUnitId?: string;
  @ApiPropertyOptional({
    enum: ['met', 'below', 'unscored'],
    description: '能力达标 (CAPABILITY_PASS_MARK rule), scored but not 达标, or 未评定',
  })
  @IsOptional()
  @IsIn(['met', 'below', 'unscored'])
  status?: 'met' | 'below' | 'unscored';
  @ApiPropertyOptional({ enum: Object.keys(SCORE_BANDS) })
  @IsOptional()
  @IsIn(Object.keys(SCORE_BANDS))
  band?: ScoreBand;
  @ApiPropertyOptional({ enum: ['yes', 'no'], description: 'with / without an overdue assignment' })
  @IsOptional()
  @IsIn(['yes', 'no'])
  overdue?: 'yes' | 'no';
  @ApiPropertyOptional({ enum: Object.keys(OFFICER_SORTS), default: 'score' })
  @IsOptional()
  @IsIn(Object.keys(OFFICER_SORTS))
  sort?: OfficerSort;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  dir?: 'asc' | 'desc';
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @OptionalIntIn(1, 100_000)
  page?: number;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @OptionalIntIn(1, 200)
  size?: number;
}

export class CompetencyQueryDto extends OfficerQueryDto {
  @ApiProperty() @IsUUID() unitId: string;
  @ApiProperty({ example: '2026', description: 'year 2026, quarter 2026-Q2 or month 2026-05' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(7)
  period: string;
}

export const EXPORT_TABLES = ['officers', 'indicators', 'dimensions', 'trend', 'ranking', 'heatmap'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export class ExportQueryDto extends CompetencyQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_TABLES,
    default: 'officers',
    description: 'CSV: which table (XLSX has every table as a sheet)',
  })
  @IsOptional()
  @IsIn(EXPORT_TABLES)
  table?: ExportTable;
}

export class ScopeQueryDto {
  @ApiProperty() @IsUUID() unitId: string;
  @ApiProperty({ example: '2026' }) @IsString() @IsNotEmpty() @MaxLength(7) period: string;
  @ApiPropertyOptional({ description: 'Only this officer (drill-down from an officer)' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

/** Assign the lessons' course for a weak article or dimension to the officers (or sub-units) below a threshold. */
export class AssignWeakDto {
  @ApiProperty() @IsUUID() unitId: string;
  @ApiProperty({ example: '2026' }) @IsString() @IsNotEmpty() @MaxLength(7) period: string;
  @ApiPropertyOptional({ description: 'An article number (1–50); or give dimension' })
  @OptionalIntIn(1, 50)
  articleNo?: number;
  @ApiPropertyOptional({ enum: DIMENSIONS })
  @IsOptional()
  @IsIn(DIMENSIONS as unknown as string[])
  dimension?: DimensionCode;
  @ApiProperty({ description: 'A course with lessons citing the article (or of the dimension)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  courseId: string;
  @ApiProperty({
    description: 'Share correct (article) or dimension mastery (0–100) below which officers are assigned',
  })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  threshold: number;
  @ApiPropertyOptional({ enum: ['officers', 'units'], default: 'officers' })
  @IsOptional()
  @IsIn(['officers', 'units'])
  target?: 'officers' | 'units';
  @ApiProperty({ example: '2026-06-30T23:59:59+08:00' }) @IsISO8601({ strict: true }) dueAt: string;
}
