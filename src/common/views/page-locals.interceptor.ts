import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Optional } from '@nestjs/common';
import { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import type { RequestWithPrincipal } from '../../auth/principal';
import { NotificationsService } from '../../notifications/notifications.service';
import { ROLE_LABELS } from '../../users/entities/user.entity';
import { wantsJson } from '../http/request-kind';
import { navFor } from './navigation';

/** Gives every rendered page the signed-in user, the CSRF token for its forms, the menu and the unread count. */
@Injectable()
export class PageLocalsInterceptor implements NestInterceptor {
  constructor(@Optional() private readonly notifications?: NotificationsService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') {
      const req = ctx.switchToHttp().getRequest<Request & RequestWithPrincipal>();
      const res = ctx.switchToHttp().getResponse<Response>();
      const me = req.principal;
      if (me) {
        res.locals.me = { ...me, roleLabel: ROLE_LABELS[me.role] };
        res.locals.csrf = me.csrfToken;
        res.locals.nav = navFor(me.role, req.path);
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
