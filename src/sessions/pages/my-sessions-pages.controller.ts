import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, CurrentActor } from '../../audit/audit-actor';
import { CurrentUser } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/errors/app-error';
import { flashFor } from '../../common/views/page-options';
import { CalendarService } from '../calendar.service';
import { CheckInTooManyAttemptsError } from '../check-in-throttle.service';
import { CheckInService } from '../check-in.service';
import { EnrolmentService } from '../enrolment.service';
import { ATTENDANCE_LABELS } from '../entities/session-parts.entity';
import { SessionQueriesService } from '../session-queries.service';
import { MySessionsPageService } from './my-sessions-page.service';

const FLASH: Record<string, string> = {
  excuse: '请假申请已提交，请等待培训管理员审批',
  checkout: '已签退',
  revoked: '日历订阅地址已停用',
};

/** 我的培训: upcoming and past sessions with 学时, a session's page, check-in with the code, 请假, calendar feed. */
@ApiExcludeController()
@Controller('my/sessions')
export class MySessionsPagesController {
  constructor(
    private readonly page: MySessionsPageService,
    private readonly sessions: SessionQueriesService,
    private readonly checkIns: CheckInService,
    private readonly enrolment: EnrolmentService,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  async index(@CurrentUser() me: Principal, @Query('ok') ok: string | undefined, @Res() res: Response) {
    res.render('sessions/my-index', { ...(await this.page.index(me)), flash: flashFor(FLASH, ok) });
  }

  /** A new feed address, shown once on this response (only its hash is stored). */
  @Post('calendar')
  async rotateFeed(@CurrentUser() me: Principal, @Body() body: { action?: string }, @Res() res: Response) {
    if (body.action === 'revoke') {
      await this.calendar.revokeToken(me.id);
      res.redirect(303, '/my/sessions?ok=revoked');
      return;
    }
    const { url } = await this.calendar.rotateToken(me.id);
    res.status(200).render('sessions/my-index', await this.page.index(me, url));
  }

  @Get(':id')
  async show(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('ok') ok: string | undefined,
    @Res() res: Response,
  ) {
    await this.sessions.visible(me, id);
    res.render('sessions/my-show', { ...(await this.page.show(me, id)), flash: flashFor(FLASH, ok) });
  }

  @Post(':id/excuse')
  async excuse(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: { reason?: string },
    @Res() res: Response,
  ) {
    const session = await this.sessions.visible(me, id);
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 500) : '';
    if (!reason) {
      res.status(400).render('sessions/my-show', {
        ...(await this.page.show(me, id)),
        errorMessage: '请填写请假事由',
        fieldErrors: { reason: '必填' },
      });
      return;
    }
    try {
      await this.enrolment.requestExcuse(me, session, reason);
      res.redirect(303, `/my/sessions/${id}?ok=excuse`);
    } catch (error) {
      if (!(error instanceof AppError) || error.getStatus() >= 500) throw error;
      res
        .status(error.getStatus())
        .render('sessions/my-show', { ...(await this.page.show(me, id)), errorMessage: error.message });
    }
  }

  /** The QR code opens this page with `?code=` filled in; the officer confirms with one tap. */
  @Get(':id/check-in')
  async checkInForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('code') code: string | undefined,
    @Res() res: Response,
  ) {
    const session = await this.sessions.visible(me, id);
    res.render('sessions/my-check-in', {
      ...(await this.page.checkIn(session)),
      code: /^\d{6}$/.test(code ?? '') ? code : '',
    });
  }

  @Post(':id/check-in')
  async checkIn(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: { code?: string },
    @Res() res: Response,
  ) {
    const session = await this.sessions.visible(me, id);
    const code = typeof body.code === 'string' ? body.code.replace(/\s/g, '') : '';
    const page = await this.page.checkIn(session);
    if (!/^\d{6}$/.test(code)) {
      res
        .status(400)
        .render('sessions/my-check-in', { ...page, code, errorMessage: '请输入屏幕上显示的 6 位数字签到码' });
      return;
    }
    try {
      const result = await this.checkIns.checkIn(actor, id, code);
      res.status(200).render('sessions/my-check-in', {
        ...page,
        done: result,
        statusLabel: ATTENDANCE_LABELS[result.status],
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.getStatus() >= 500) throw error;
      if (error instanceof CheckInTooManyAttemptsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      res
        .status(error.getStatus())
        .render('sessions/my-check-in', { ...page, code, errorMessage: error.message });
    }
  }

  /** The 签退 confirmation page (works without JavaScript): the consequence, then a POST with confirm=1. */
  @Get(':id/check-out')
  async checkOutConfirm(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    await this.sessions.visible(me, id);
    this.send(res, await this.page.checkOut(me, id, { ask: true, confirmed: false }));
  }

  @Post(':id/check-out')
  async checkOut(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: { confirm?: string },
    @Res() res: Response,
  ) {
    await this.sessions.visible(me, id);
    this.send(res, await this.page.checkOut(me, id, { ask: false, confirmed: body.confirm === '1' }));
  }

  private send(
    res: Response,
    outcome: { redirect: string } | { status: number; view: string; model: Record<string, unknown> },
  ) {
    if ('redirect' in outcome) res.redirect(303, outcome.redirect);
    else res.status(outcome.status).render(outcome.view, outcome.model);
  }
}
