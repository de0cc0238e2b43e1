import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalChoiceList, OptionalIdList } from '../../common/validation/list-rules';
import { ROLES, Role } from '../../users/entities/user.entity';

export class CreateAssignmentDto {
  @ApiProperty({ example: 'regulation-ch3' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  courseId: string;

  @ApiPropertyOptional({ type: [String], description: 'Users of these units (see includeSubtree)' })
  @OptionalIdList(500)
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
  @OptionalChoiceList(ROLES)
  roles?: Role[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalIdList(2000)
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
