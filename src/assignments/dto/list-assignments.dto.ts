import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { ASSIGNMENT_STATUSES, AssignmentStatus } from '../assignment-status';

export class ListAssignmentsDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  courseId?: string;
}

/** `limit`/`offset` page the officer rows; the per-unit counts and totals always cover everyone. */
export class AssignmentStatusQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only officers of this unit (the unit itself, not its subtree)' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  unitId?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATUSES)
  status?: AssignmentStatus;
}
