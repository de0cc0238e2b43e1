import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalChoiceList, OptionalIdList } from '../../common/validation/list-rules';
import { ROLES, Role } from '../../users/entities/user.entity';

export class CreateNoticeDto {
  @ApiProperty({ example: '关于组织收听收看全省信访业务培训的通知' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) body: string;
  @ApiPropertyOptional({ example: '区信访局〔2026〕15号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  noticeNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) sessionId?: string;
  @ApiPropertyOptional({ type: [String] })
  @OptionalIdList(500)
  unitIds?: string[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() includeSubtree?: boolean;
  @ApiPropertyOptional({
    enum: ROLES,
    isArray: true,
    description: 'Alone: everyone with the role. With unitIds: only these roles in the units',
  })
  @OptionalChoiceList(ROLES)
  roles?: Role[];
  @ApiPropertyOptional({ type: [String] })
  @OptionalIdList(2000)
  userIds?: string[];
  @ApiPropertyOptional({
    default: false,
    description:
      '全局: required to send to roles alone (everyone with them) or, with nothing else, to everyone',
  })
  @IsOptional()
  @IsBoolean()
  wholeBureau?: boolean;
}
