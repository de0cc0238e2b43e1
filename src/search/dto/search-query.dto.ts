import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class SearchQueryDto extends PageQueryDto {
  @ApiProperty({
    description: '在课程标题、简介和课时标题、正文中查找（忽略空格，十五日与15日视为相同）',
    minLength: 1,
    maxLength: 100,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q: string;
}
