import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class LearningReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '报表的单位（含下级）；负责人默认本单位，其他角色默认局' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: '学时的年度（北京时间）；默认今年' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
