import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class ListArticlesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '在条号、标题、概要和条例全文中查找', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ArticleParamDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9999)
  n: number;
}
