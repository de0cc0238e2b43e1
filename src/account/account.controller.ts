import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { AccountService } from './account.service';
import { ChangePasswordDto } from './change-password.dto';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: '修改自己的密码（需当前密码；其他会话全部结束）' })
  @ApiResponse({ status: 204, description: '已修改' })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION.FAILED（newPassword: password_too_short 等）, ACCOUNT.WRONG_PASSWORD, ACCOUNT.PASSWORD_UNCHANGED',
  })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED' })
  @ApiResponse({
    status: 429,
    description:
      'AUTH.TOO_MANY_ATTEMPTS：当前密码错误过多（与登录同一限流），带 retryAfterSeconds 和 Retry-After',
  })
  async change(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.account.changePassword(actor, dto.currentPassword, dto.newPassword);
  }
}
