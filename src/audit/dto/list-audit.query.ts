import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'user.create' }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional({ example: 'user' }) @IsOptional() @IsString() @MaxLength(40) entityType?: string;
}
