import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { OptionalYear } from '../../common/dto/year-query';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class LearningReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '报表的单位（含下级）；负责人默认本单位，其他角色默认局',
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @OptionalYear('学时的年度（北京时间）；默认今年')
  year?: number;
}
