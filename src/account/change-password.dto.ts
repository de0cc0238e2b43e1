import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) currentPassword: string;
  /** Checked against the password policy (passwordProblem), as for passwords an admin sets. */
  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  newPassword: string;
}
