import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { clientAddress } from '../common/http/request-kind';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators/auth.decorators';
import { LoginDto } from './dto/login.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: '登录，返回 bearer token（每次尝试先计入限流，再校验密码）' })
  @ApiResponse({ status: 200, description: '{accessToken, expiresAt, user}' })
  @ApiResponse({ status: 401, description: 'AUTH.INVALID_CREDENTIALS' })
  @ApiResponse({ status: 403, description: 'AUTH.ACCOUNT_DISABLED (only after the right password)' })
  @ApiResponse({ status: 429, description: 'AUTH.TOO_MANY_ATTEMPTS with retryAfterSeconds and a Retry-After header' })
  async login(@Body() dto: LoginDto, @Req() req: Request) {
    const result = await this.auth.login(dto.username, dto.password, {
      ip: clientAddress(req),
      userAgent: req.headers['user-agent'] ?? null,
      kind: 'api',
    });
    return { accessToken: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
  }

  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentUser() me: Principal, @Req() req: Request): Promise<void> {
    await this.auth.logout(me, clientAddress(req));
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() me: Principal) {
    return { id: me.id, username: me.username, name: me.name, role: me.role, unitId: me.unitId };
  }
}
