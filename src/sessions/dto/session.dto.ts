import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '../entities/session-parts.entity';
import { SESSION_KINDS, SessionKind } from '../entities/training-session.entity';
import { OptionalIntIn } from '../../common/validation/number-rules';
import { OptionalNestedList } from '../../common/validation/list-rules';

export class VenueDto {
  @ApiProperty({ example: '甲街道分会场' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) location?: string;
  @ApiPropertyOptional({ description: 'Officers of this unit subtree watch here' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  unitId?: string;
  @ApiProperty({ description: 'A trainer, or an officer given the duty' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  coordinatorId: string;
}

export class MaterialDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  url?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) text?: string;
}

export class CreateSessionDto {
  @ApiProperty({ example: '《信访工作条例》专题培训班' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
  @ApiProperty({ enum: SESSION_KINDS }) @IsIn(SESSION_KINDS) kind: SessionKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ example: '2026-12-10T09:00:00+08:00' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty({ example: '2026-12-10T11:30:00+08:00' }) @IsISO8601({ strict: true }) endsAt: string;
  @ApiPropertyOptional({ description: 'Check-in closes (default: the end)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  checkInClosesAt?: string;
  @ApiPropertyOptional({ default: 30 })
  @OptionalIntIn(0, 720)
  checkInOpensMinutes?: number;
  @ApiPropertyOptional({ default: 10 })
  @OptionalIntIn(0, 720)
  lateGraceMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) location?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  streamUrl?: string;
  @ApiPropertyOptional({ example: '区信访局〔2026〕12号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  noticeNumber?: string;
  @ApiPropertyOptional() @OptionalIntIn(1, 100000) capacity?: number;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  unitIds: string[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() includeSubtree?: boolean;
  @ApiProperty({ example: 3 })
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  creditHours: number;
  @ApiPropertyOptional({ default: 0.8 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  minPresenceRatio?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) courseId?: string;
  @ApiPropertyOptional({ type: [VenueDto] })
  @OptionalNestedList(VenueDto, 100)
  venues?: VenueDto[];
  @ApiPropertyOptional({
    default: false,
    description:
      '补录: record a class already held (start in the past allowed; no notices; never auto-marked 缺席)',
  })
  @IsOptional()
  @IsBoolean()
  backfill?: boolean;
  @ApiPropertyOptional({ type: [MaterialDto] })
  @OptionalNestedList(MaterialDto, 50)
  materials?: MaterialDto[];
}

/** Everything may change; targets are added (never removed: enrolled officers stay enrolled). */
export class UpdateSessionDto extends PartialType(CreateSessionDto) {}

export class ListSessionsDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class CheckInDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code: string;
}

export class AttendanceRecordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(36) userId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) @IsIn(ATTENDANCE_STATUSES) status: AttendanceStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) remark?: string;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendanceRecordDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordDto)
  records: AttendanceRecordDto[];
  @ApiPropertyOptional({ description: 'Why (kept in the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ExcuseDto {
  @ApiProperty({ example: '当天值班接访' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class DecideExcuseDto {
  @ApiProperty() @IsBoolean() approve: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class CalendarFeedQuery {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{20,100}$/) token: string;
}
