import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, Response } from 'express';
import { Observable } from 'rxjs';
import type { RequestWithPrincipal } from '../../auth/principal';
import { ROLE_LABELS } from '../../users/entities/user.entity';
import { navFor } from './navigation';

/** Gives every rendered page the signed-in user, the CSRF token for its forms and the menu. */
@Injectable()
export class PageLocalsInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') {
      const req = ctx.switchToHttp().getRequest<Request & RequestWithPrincipal>();
      const res = ctx.switchToHttp().getResponse<Response>();
      const me = req.principal;
      if (me) {
        res.locals.me = { ...me, roleLabel: ROLE_LABELS[me.role] };
        res.locals.csrf = me.csrfToken;
        res.locals.nav = navFor(me.role, req.path);
      }
    }
    return next.handle();
  }
}
