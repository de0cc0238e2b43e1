import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { clientAddress } from '../common/http/request-kind';
import { AuthService } from './auth.service';
import { DeviceCookieService } from './device-cookie.service';
import { CurrentUser, Public } from './decorators/auth.decorators';
import { LoginDto } from './dto/login.dto';
import type { Principal } from './principal';
import { ApiErrors, BAD_BODY, TOO_LARGE, UNAUTHENTICATED } from '../common/openapi/api-errors';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly devices: DeviceCookieService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: '登录，返回 bearer token（每次尝试先计入限流，再校验密码）' })
  @ApiResponse({
    status: 200,
    description: '{accessToken, expiresAt, user}；并设置 pt_device（已知设备）cookie',
  })
  @ApiErrors(
    BAD_BODY,
    [401, 'AUTH.INVALID_CREDENTIALS：用户名或密码错误'],
    [403, 'AUTH.ACCOUNT_DISABLED：账号已停用（只在密码正确时告知）'],
    TOO_LARGE,
    [429, 'AUTH.TOO_MANY_ATTEMPTS：尝试过多，带 retryAfterSeconds 和 Retry-After'],
  )
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(dto.username, dto.password, {
      ip: clientAddress(req),
      userAgent: req.headers['user-agent'] ?? null,
      kind: 'api',
      deviceCookie: DeviceCookieService.sent(req),
    });
    this.devices.set(req, res, result.device);
    return { accessToken: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
  }

  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: '注销当前令牌' })
  @ApiErrors(UNAUTHENTICATED)
  async logout(@CurrentUser() me: Principal, @Req() req: Request): Promise<void> {
    await this.auth.logout(me, clientAddress(req));
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: '当前用户：id、用户名、姓名、角色、单位' })
  @ApiErrors(UNAUTHENTICATED)
  me(@CurrentUser() me: Principal) {
    return { id: me.id, username: me.username, name: me.name, role: me.role, unitId: me.unitId };
  }
}
