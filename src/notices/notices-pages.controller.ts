import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectEntityManager } from '@nestjs/typeorm';
import { Response } from 'express';
import { EntityManager, In } from 'typeorm';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { badRequest } from '../common/errors/app-error';
import { formFailure, parseForm } from '../common/forms/form-validation';
import { buildPager, pageWindow } from '../common/views/pager';
import { TrainingSession } from '../sessions/entities/training-session.entity';
import { Unit } from '../units/entities/unit.entity';
import { inTreeOrder } from '../units/unit-tree';
import { ROLE_LABELS, ROLES, User } from '../users/entities/user.entity';
import { CreateNoticeDto } from './dto/notice.dto';
import { NoticesService } from './notices.service';

const PAGE_SIZE = 20;
type NoticeForm = Record<string, string | string[] | undefined>;
const list = (v: unknown): string[] => (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is string => typeof x === 'string' && x !== '');
const single = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** /trainer/notices (send, list, read receipts, remind the unread) and /notices/:id for recipients. */
@ApiExcludeController()
@Controller()
export class NoticesPagesController {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly notices: NoticesService,
  ) {}

  @Roles('trainer', 'admin')
  @Get('trainer/notices')
  async index(@Query('page') pageParam: string | undefined, @Query('sessionId') sessionId: string | undefined, @Res() res: Response) {
    res.render('notices/index', await this.indexModel(pageParam, { includeSubtree: '1', roles: ['officer'], sessionId }));
  }

  @Roles('trainer', 'admin')
  @Post('trainer/notices')
  async send(@CurrentUser() me: Principal, @Body() body: NoticeForm, @Res() res: Response) {
    try {
      const users = single(body.users).split(/[\s,，;；、]+/).filter(Boolean).slice(0, 2000);
      const found = users.length ? await this.em.findBy(User, { username: In(users) }) : [];
      const missing = users.filter((u) => !found.some((f) => f.username === u));
      if (missing.length > 0) throw badRequest('NOTICE.UNKNOWN_USER', `找不到这些用户名：${missing.slice(0, 5).join('、')}`, { userIds: 'not_found' });
      const dto = await parseForm(CreateNoticeDto, {
        title: single(body.title),
        body: single(body.body),
        ...(single(body.noticeNumber) ? { noticeNumber: single(body.noticeNumber) } : {}),
        ...(single(body.sessionId) ? { sessionId: single(body.sessionId) } : {}),
        unitIds: list(body.unitIds),
        includeSubtree: body.includeSubtree === '1',
        roles: list(body.roles),
        userIds: found.map((u) => u.id),
      });
      const sent = await this.notices.send(me, dto);
      res.redirect(303, `/trainer/notices/${sent.id}?sent=${sent.recipients}`);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      res.status(failure.status).render('notices/index', { ...(await this.indexModel(undefined, body)), errorMessage: failure.message, fieldErrors: failure.fields });
    }
  }

  @Roles('trainer', 'admin')
  @Get('trainer/notices/:id')
  async receipts(@Param('id') id: string, @Query('sent') sent: string | undefined, @Query('reminded') reminded: string | undefined, @Res() res: Response) {
    const [notice, receipts] = await Promise.all([this.notices.get(id), this.notices.receipts(id)]);
    const flash = sent ? { kind: 'success', message: `通知已发送给 ${Number(sent) || 0} 人` } : reminded ? { kind: 'success', message: `已安排提醒 ${Number(reminded) || 0} 名未读人员` } : undefined;
    res.render('notices/receipts', { title: `阅读情况 · ${notice.title}`, notice, receipts, flash });
  }

  @Roles('trainer', 'admin')
  @Post('trainer/notices/:id/remind')
  async remind(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const queued = await this.notices.remindUnread(me, id);
    res.redirect(303, `/trainer/notices/${id}?reminded=${queued.unread}`);
  }

  /** A recipient reads the notice; opening it is the read receipt. */
  @Get('notices/:id')
  async show(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const notice = me.role === 'trainer' || me.role === 'admin' ? await this.notices.get(id) : await this.notices.readAsRecipient(me, id);
    const session = notice.sessionId ? await this.em.findOneBy(TrainingSession, { id: notice.sessionId }) : null;
    res.render('notices/show', { title: notice.title, notice, session });
  }

  private async indexModel(pageParam: string | undefined, values: NoticeForm) {
    const { page, limit, offset } = pageWindow(pageParam, PAGE_SIZE);
    const [sent, units, sessions] = await Promise.all([
      this.notices.list(limit, offset),
      this.em.find(Unit),
      this.em.find(TrainingSession, { where: { status: 'scheduled' }, order: { startsAt: 'ASC' }, take: 100 }),
    ]);
    return {
      title: '通知公告',
      items: sent.items,
      pager: buildPager('/trainer/notices', {}, page, PAGE_SIZE, sent.total),
      units: inTreeOrder(units).map((u) => ({ ...u, indent: u.depth * 1.25 })),
      roles: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
      sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt })),
      values: { ...values, unitIds: list(values.unitIds), roles: list(values.roles), includeSubtree: values.includeSubtree === '1' },
    };
  }
}
