import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/optional-not-null';
import { IsCleanText } from '../../common/validation/is-clean-text';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { ROLES, Role } from '../entities/user.entity';
import { NAME_MAX, normaliseUsername, USERNAME_PATTERN } from '../user-rules';

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const username = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? normaliseUsername(value) : value;

/** Error code `invalid_username` rather than class-validator's generic `matches`. */
const IsUsername = () =>
  ValidateBy({
    name: 'invalid_username',
    validator: { validate: (v: unknown) => typeof v === 'string' && USERNAME_PATTERN.test(v) },
  });

export class CreateUserDto {
  @ApiProperty({ example: 'zhangsan', description: '字母、数字和 _ . - @，2-64 位；保存为小写' })
  @Transform(username)
  @IsUsername()
  username: string;

  @ApiProperty({ example: '张三' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  @IsCleanText('姓名')
  name: string;

  /** Checked against the password policy (passwordProblem) by the service. */
  @ApiProperty({ example: 'Xinfang@2026', minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty({ format: 'uuid' }) @IsUUID() unitId: string;
}

/** Every field may be left out, none may be null (the columns are NOT NULL). */
export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  @IsCleanText('姓名')
  name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptionalNotNull() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsUUID() unitId?: string;
  /** true ends every session of the user at once. */
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() disabled?: boolean;
  /** A password reset by the admin; ends the user's other sessions. */
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(1024) password?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '该单位及其下级单位的人员' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @ApiPropertyOptional({ description: '按姓名或用户名搜索' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ enum: USER_STATUSES, description: 'active：正常；disabled：已停用' })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;
}
