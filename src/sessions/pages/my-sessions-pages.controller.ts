import { Actor, CurrentActor } from '../../audit/audit-actor';
import { CheckInTooManyAttemptsError } from '../check-in-throttle.service';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/errors/app-error';
import { AttendanceService } from '../attendance.service';
import { CalendarService } from '../calendar.service';
import { EnrolmentService } from '../enrolment.service';
import { ATTENDANCE_LABELS, ENROLMENT_STATE_LABELS, EXCUSE_STATE_LABELS, SessionEnrolment, SessionExcuse } from '../entities/session-parts.entity';
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from '../entities/training-session.entity';
import { MySessionsService } from '../my-sessions.service';
import { SessionsService } from '../sessions.service';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';

const labels = { kindLabels: SESSION_KIND_LABELS, statusLabels: SESSION_STATUS_LABELS, attendanceLabels: ATTENDANCE_LABELS, stateLabels: ENROLMENT_STATE_LABELS, excuseLabels: EXCUSE_STATE_LABELS };
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
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly mine: MySessionsService,
    private readonly sessions: SessionsService,
    private readonly attendance: AttendanceService,
    private readonly enrolment: EnrolmentService,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  async index(@CurrentUser() me: Principal, @Query('ok') ok: string | undefined, @Res() res: Response) {
    const list = await this.mine.list(me.id);
    res.render('sessions/my-index', {
      title: '我的培训',
      ...list,
      hasFeed: await this.calendar.hasToken(me.id),
      flash: ok && FLASH[ok] ? { kind: 'success', message: FLASH[ok] } : undefined,
      ...labels,
    });
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
    const list = await this.mine.list(me.id);
    res.status(200).render('sessions/my-index', { title: '我的培训', ...list, hasFeed: true, feedUrl: url, ...labels });
  }

  @Get(':id')
  async show(@CurrentUser() me: Principal, @Param('id') id: string, @Query('ok') ok: string | undefined, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    res.render('sessions/my-show', { title: session.title, ...(await this.model(me, id)), flash: ok && FLASH[ok] ? { kind: 'success', message: FLASH[ok] } : undefined });
  }

  @Post(':id/excuse')
  async excuse(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: { reason?: string }, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 500) : '';
    if (!reason) {
      res.status(400).render('sessions/my-show', { title: session.title, ...(await this.model(me, id)), errorMessage: '请填写请假事由', fieldErrors: { reason: '必填' } });
      return;
    }
    try {
      await this.enrolment.requestExcuse(me, session, reason);
      res.redirect(303, `/my/sessions/${id}?ok=excuse`);
    } catch (error) {
      if (!(error instanceof AppError) || error.getStatus() >= 500) throw error;
      res.status(error.getStatus()).render('sessions/my-show', { title: session.title, ...(await this.model(me, id)), errorMessage: error.message });
    }
  }

  /** The QR code opens this page with `?code=` filled in; the officer confirms with one tap. */
  @Get(':id/check-in')
  async checkInForm(@CurrentUser() me: Principal, @Param('id') id: string, @Query('code') code: string | undefined, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    res.render('sessions/my-check-in', { title: `签到 · ${session.title}`, session: await this.sessions.view(session), code: /^\d{6}$/.test(code ?? '') ? code : '', ...labels });
  }

  @Post(':id/check-in')
  async checkIn(@CurrentUser() me: Principal, @CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { code?: string }, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    const code = typeof body.code === 'string' ? body.code.replace(/\s/g, '') : '';
    const view = await this.sessions.view(session);
    if (!/^\d{6}$/.test(code)) {
      res.status(400).render('sessions/my-check-in', { title: `签到 · ${session.title}`, session: view, code, errorMessage: '请输入屏幕上显示的 6 位数字签到码', ...labels });
      return;
    }
    try {
      const result = await this.attendance.checkIn(actor, id, code);
      res.status(200).render('sessions/my-check-in', { title: `签到 · ${session.title}`, session: view, done: result, statusLabel: ATTENDANCE_LABELS[result.status], ...labels });
    } catch (error) {
      if (!(error instanceof AppError) || error.getStatus() >= 500) throw error;
      if (error instanceof CheckInTooManyAttemptsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status(error.getStatus()).render('sessions/my-check-in', { title: `签到 · ${session.title}`, session: view, code, errorMessage: error.message, ...labels });
    }
  }

  @Post(':id/check-out')
  async checkOut(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    try {
      await this.attendance.checkOut(me, id);
      res.redirect(303, `/my/sessions/${id}?ok=checkout`);
    } catch (error) {
      if (!(error instanceof AppError) || error.getStatus() >= 500) throw error;
      res.status(error.getStatus()).render('sessions/my-show', { title: session.title, ...(await this.model(me, id)), errorMessage: error.message });
    }
  }

  private async model(me: Principal, id: string) {
    const session = await this.sessions.view((await this.sessions.find(id))!);
    const mine = await this.em.findOneBy(SessionEnrolment, { sessionId: id, userId: me.id });
    const excuse = await this.em.findOne(SessionExcuse, { where: { sessionId: id, userId: me.id }, order: { requestedAt: 'DESC' } });
    const now = Date.now();
    const open = session.status === 'scheduled';
    return {
      session,
      mine,
      excuse,
      venueName: session.venues.find((v) => v.id === mine?.venueId)?.name ?? null,
      canExcuse: open && !!mine && mine.state !== 'cancelled' && mine.attendance !== 'excused' && excuse?.state !== 'pending' && now < session.startsAt.getTime(),
      canCheckIn: open && mine?.state === 'enrolled' && !mine.checkedInAt && mine.attendance !== 'excused' && now >= session.checkInOpensAt.getTime() && now < session.checkInClosesAt.getTime(),
      canCheckOut: open && session.kind === 'broadcast' && !!mine?.checkedInAt && !mine.checkedOutAt,
      coordinates: await this.sessions.isCoordinator(me.id, id),
      ...labels,
    };
  }
}
