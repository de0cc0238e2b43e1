import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { TooManyAttemptsError } from '../auth/too-many-attempts.error';
import { formFailure } from '../common/forms/form-validation';
import { AccountService } from './account.service';
import { flashFor } from '../common/views/page-options';
import { AccountErrors } from './account.errors';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** /account/password: change one's own password (required at first sign-in with a given password). */
@ApiExcludeController()
@Controller('account/password')
export class AccountPagesController {
  constructor(private readonly account: AccountService) {}

  @Get()
  page(@CurrentUser() me: Principal, @Query('ok') ok: unknown, @Res() res: Response) {
    res.render(
      'account/password',
      this.view(me, { flash: flashFor({ changed: '密码已修改，其他设备上的登录已全部退出。' }, ok) }),
    );
  }

  @Post()
  async change(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const [current, next, confirm] = [
      text(body.currentPassword),
      text(body.newPassword),
      text(body.confirmPassword),
    ];
    try {
      const missing = Object.fromEntries(
        Object.entries({ currentPassword: current, newPassword: next, confirmPassword: confirm })
          .filter(([, v]) => v === '')
          .map(([k]) => [k, 'required']),
      );
      if (Object.keys(missing).length > 0) throw AccountErrors.incomplete(missing);
      if (next !== confirm) throw AccountErrors.passwordMismatch();
      await this.account.changePassword(actor, current, next);
      return res.redirect(303, '/account/password?ok=changed');
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      if (error instanceof TooManyAttemptsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      return res
        .status(failure.status)
        .render('account/password', this.view(me, { errorMessage: failure.message, errors: failure.fields }));
    }
  }

  private view(
    me: Principal,
    extra: { flash?: unknown; errorMessage?: string; errors?: Record<string, string> },
  ) {
    return { title: '修改密码', required: !!me.mustChangePassword, errors: {}, ...extra };
  }
}
