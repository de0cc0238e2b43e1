import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { IS_PUBLIC } from '../decorators/auth.decorators';
import type { RequestWithPrincipal } from '../principal';
import { CommonErrors } from '../../common/errors/common.errors';

/** What someone whose password must be changed may still do: change it, sign out, see who they are. */
const ALLOWED = new Set([
  'GET /account/password',
  'POST /account/password',
  'POST /api/me/password',
  'POST /logout',
  'POST /api/auth/logout',
  'GET /api/me',
]);

/**
 * Runs after AuthGuard (registered after it in AuthModule). A user whose password was set by an
 * administrator or a CSV import must choose their own first: the API answers 403
 * AUTH.PASSWORD_CHANGE_REQUIRED and pages are redirected to /account/password (by the exception
 * filter). Kept apart from AuthGuard and the login code so that both stay small.
 */
@Injectable()
export class PasswordChangeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    if (!req.principal?.mustChangePassword) return true;
    if (ALLOWED.has(`${req.method} ${req.path.replace(/\/+$/, '') || '/'}`)) return true;
    // Public routes (login, certificate verification, health) answer as they do for anyone.
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    throw CommonErrors.authPasswordChangeRequired();
  }
}
