import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CookieOptions, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import { clientAddress } from '../common/http/request-kind';
import { AppConfig } from '../config/app-config';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from './auth.constants';
import { AuthService } from './auth.service';
import { DeviceCookieService } from './device-cookie.service';
import { CurrentUser, OptionalUser, Public } from './decorators/auth.decorators';
import { LoginFormDto } from './dto/login.dto';
import { TooManyAttemptsError } from './too-many-attempts.error';
import { sameSecret } from './guards/auth.guard';
import type { Principal } from './principal';
import { CommonErrors } from '../common/errors/common.errors';

/** Only same-site relative paths are followed after login (no open redirects); a repeated `?next=` is an array. */
export const safeNext = (next?: unknown): string =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/';

/** Login refusals shown on the form itself, in the person's words. */
const SHOWN_ON_FORM = new Set([
  'AUTH.INVALID_CREDENTIALS',
  'AUTH.TOO_MANY_ATTEMPTS',
  'AUTH.ACCOUNT_DISABLED',
]);

@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly devices: DeviceCookieService,
  ) {}

  @Public()
  @Get('login')
  loginPage(
    @OptionalUser() me: Principal | undefined,
    @Query('next') next: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if (me) return res.redirect(303, safeNext(next));
    const csrf = randomBytes(24).toString('base64url');
    res.cookie(LOGIN_CSRF_COOKIE, csrf, { ...this.cookieOptions(req), maxAge: 3600_000 });
    return res.render('auth/login', { title: '登录', csrf, next: safeNext(next), bare: true });
  }

  @Public()
  @Post('login')
  async login(@Body() dto: LoginFormDto, @Req() req: Request, @Res() res: Response) {
    const expected: unknown = (req.cookies as Record<string, unknown>)[LOGIN_CSRF_COOKIE];
    if (typeof expected !== 'string' || !sameSecret(dto._csrf, expected)) {
      throw CommonErrors.authCsrfInvalid();
    }
    try {
      const result = await this.auth.login(dto.username, dto.password, {
        ip: clientAddress(req),
        userAgent: req.headers['user-agent'] ?? null,
        kind: 'web',
        deviceCookie: DeviceCookieService.sent(req),
      });
      this.devices.set(req, res, result.device);
      res.clearCookie(LOGIN_CSRF_COOKIE, this.cookieOptions(req));
      res.cookie(SESSION_COOKIE, result.token, { ...this.cookieOptions(req), expires: result.expiresAt });
      return res.redirect(303, safeNext(dto.next));
    } catch (error) {
      if (!(error instanceof AppError) || !SHOWN_ON_FORM.has(error.code)) throw error;
      if (error instanceof TooManyAttemptsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      return res.status(error.getStatus()).render('auth/login', {
        title: '登录',
        csrf: expected,
        next: safeNext(dto.next),
        username: dto.username,
        errorMessage: error.message,
        bare: true,
      });
    }
  }

  @Post('logout')
  async logout(@CurrentUser() me: Principal, @Req() req: Request, @Res() res: Response) {
    await this.auth.logout(me, clientAddress(req));
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
    return res.redirect(303, '/login');
  }

  /** Secure when configured, and whenever the request came over TLS (req.secure honours TRUST_PROXY). */
  private cookieOptions(req: Request): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.get('COOKIE_SECURE') || req.secure,
      path: '/',
    };
  }
}
