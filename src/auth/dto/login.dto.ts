import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'officer' }) @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty({ example: 'Xinfang@2026' }) @IsString() @MinLength(1) @MaxLength(256) password: string;
}

/** The login form also posts where to go next and the pre-session CSRF token. */
export class LoginFormDto extends LoginDto {
  @IsOptional() @IsString() @MaxLength(500) next?: string;
  @IsOptional() @IsString() @MaxLength(100) _csrf?: string;
}
