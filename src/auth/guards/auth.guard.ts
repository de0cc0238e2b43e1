import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE } from '../auth.constants';
import { AuthSessionsService } from '../auth-sessions.service';
import { IS_PUBLIC, ROLES } from '../decorators/auth.decorators';
import type { RequestWithPrincipal } from '../principal';
import type { Role } from '../../users/entities/user.entity';
import { CommonErrors } from '../../common/errors/common.errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one authentication and role check, registered globally. Bearer tokens for the API, the
 * HttpOnly session cookie for pages; cookie-authenticated writes must carry the session's CSRF token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: AuthSessionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;

    const sent = requestToken(req);
    const found = sent ? await this.sessions.resolve(sent.token, sent.via) : null;
    const principal = found === 'idle' ? null : found;
    if (principal) req.principal = principal;

    if (isPublic) return true;
    // Pages: the exception filter sends AUTH.SESSION_IDLE to the login page with its own note.
    if (found === 'idle') throw CommonErrors.authSessionIdle();
    if (!principal) throw CommonErrors.authUnauthenticated();
    if (principal.via === 'cookie' && !SAFE_METHODS.has(req.method)) this.checkCsrf(req, principal.csrfToken);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(principal.role)) throw CommonErrors.authForbidden();
    return true;
  }

  private checkCsrf(req: Request, expected: string): void {
    // A text/csv body is a string and a JSON body may be anything: only an object carries the field.
    const body = isRecord(req.body) ? req.body : undefined;
    const sent = req.headers[CSRF_HEADER] ?? body?.[CSRF_FIELD];
    if (!sameSecret(sent, expected)) throw CommonErrors.authCsrfInvalid();
    // The token is transport, not data: drop it so whitelisting DTOs do not reject the form.
    if (body && CSRF_FIELD in body) delete body[CSRF_FIELD];
  }
}

/** The bearer token, else the session cookie: what AuthGuard (and the /api/docs gate) resolve. */
export function requestToken(req: Request): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return { token: bearer, via: 'bearer' };
  // cookie-parser turns a `j:{…}` cookie into an object: only a string can be a session token.
  const cookie: unknown = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof cookie === 'string' ? { token: cookie, via: 'cookie' } : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Constant-time comparison; anything but non-empty strings (a number, an array, a `j:` cookie) never matches. */
export function sameSecret(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length === 0) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
