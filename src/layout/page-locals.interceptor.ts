import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Optional } from '@nestjs/common';
import { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import type { RequestWithPrincipal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { ROLE_LABELS } from '../users/entities/user.entity';
import { wantsJson } from '../common/http/request-kind';
import { navFor } from './navigation';

/** Gives every rendered page the signed-in user, the CSRF token for its forms, the menu and the unread count. */
@Injectable()
export class PageLocalsInterceptor implements NestInterceptor {
  constructor(
    private readonly config: AppConfig,
    @Optional() private readonly notifications?: NotificationsService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') {
      const req = ctx.switchToHttp().getRequest<Request & RequestWithPrincipal>();
      const res = ctx.switchToHttp().getResponse<Response>();
      // Whom to contact about a lost password or a disabled account (login page, account pages).
      res.locals.helpdeskContact = this.config.get('HELPDESK_CONTACT');
      if (req.path === '/login' && req.query.expired === '1') {
        res.locals.loginNotice = '登录已超时，请重新登录；登录后会回到原来的页面，请重新提交刚才的内容。';
      }
      if (req.path === '/login' && req.query.idle === '1') {
        res.locals.loginNotice = '长时间未操作，请重新登录；登录后会回到原来的页面。';
      }
      if (req.path === '/login' && req.query.missing === '1') {
        res.locals.loginNotice = '请填写用户名和密码后再登录。';
      }
      const me = req.principal;
      if (me) {
        res.locals.me = { ...me, roleLabel: ROLE_LABELS[me.role] };
        res.locals.csrf = me.csrfToken;
        // Until an initial password is changed every other page redirects to the form: no menu then.
        res.locals.nav = me.mustChangePassword ? [] : navFor(me.role, req.path);
        // The menu badge of /notifications: pages only (GET), never the JSON API.
        if (this.notifications && req.method === 'GET' && !wantsJson(req)) {
          const notifications = this.notifications;
          return from(
            notifications.syncInbox(me.id).then(async () => {
              res.locals.unreadCount = await notifications.unreadCount(me.id);
            }),
          ).pipe(switchMap(() => next.handle()));
        }
      }
    }
    return next.handle();
  }
}
