import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { ROLES, Role } from '../../users/entities/user.entity';

export class CreateAssignmentDto {
  @ApiProperty({ example: 'regulation-ch3' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  courseId: string;

  @ApiPropertyOptional({ type: [String], description: 'Users of these units (see includeSubtree)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ default: true, description: 'Include the units below each of unitIds' })
  @IsOptional()
  @IsBoolean()
  includeSubtree?: boolean;

  @ApiPropertyOptional({
    enum: ROLES,
    isArray: true,
    description:
      "Alone: everyone with these roles. With unitIds: narrows the units' users (default: the course's roles)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  userIds?: string[];

  @ApiProperty({ example: '2026-06-30T23:59:59+08:00', description: 'ISO 8601 instant, in the future' })
  @IsISO8601({ strict: true })
  dueAt: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
