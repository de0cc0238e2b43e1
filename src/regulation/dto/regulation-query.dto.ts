import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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
  // Digits only: Number() would also read `1e1` or `0x10` as an article number.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : NaN,
  )
  @IsInt()
  @Min(1)
  @Max(9999)
  n: number;
}
