import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, Response } from 'express';
import { Observable } from 'rxjs';
import type { RequestWithPrincipal } from '../../auth/principal';
import { AppConfig } from '../../config/app-config';
import { ROLE_LABELS } from '../../users/entities/user.entity';
import { navFor } from './navigation';

/** Gives every rendered page the signed-in user, the CSRF token for its forms and the menu. */
@Injectable()
export class PageLocalsInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') {
      const req = ctx.switchToHttp().getRequest<Request & RequestWithPrincipal>();
      const res = ctx.switchToHttp().getResponse<Response>();
      // Whom to contact about a lost password or a disabled account (login page, account pages).
      res.locals.helpdeskContact = this.config.get('HELPDESK_CONTACT');
      if (req.path === '/login' && req.query.expired === '1') res.locals.loginNotice = '登录已超时，请重新登录；登录后会回到原来的页面，请重新提交刚才的内容。';
      if (req.path === '/login' && req.query.missing === '1') res.locals.loginNotice = '请填写用户名和密码后再登录。';
      const me = req.principal;
      if (me) {
        res.locals.me = { ...me, roleLabel: ROLE_LABELS[me.role] };
        res.locals.csrf = me.csrfToken;
        // Until an initial password is changed every other page redirects to the form: no menu then.
        res.locals.nav = me.mustChangePassword ? [] : navFor(me.role, req.path);
      }
    }
    return next.handle();
  }
}
