import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'user.create' }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional({ example: 'user' }) @IsOptional() @IsString() @MaxLength(40) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '只看此人的操作' })
  @IsOptional()
  @IsUUID()
  actorId?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: '北京时间该日起（含）' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: '北京时间该日止（含当天）' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  to?: string;
}
