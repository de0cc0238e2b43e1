import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { formFailure, parseForm } from '../common/forms/form-validation';
import { CreateNoticeDto } from './dto/notice.dto';
import {
  formList as list,
  formSingle as single,
  NoticeForm,
  NoticesPageService,
} from './notices-page.service';
import { NoticesService } from './notices.service';

/** /trainer/notices (send, list, read receipts, remind the unread) and /notices/:id for recipients. */
@ApiExcludeController()
@Controller()
export class NoticesPagesController {
  constructor(
    private readonly page: NoticesPageService,
    private readonly notices: NoticesService,
  ) {}

  @Roles('trainer', 'admin')
  @Get('trainer/notices')
  async index(
    @Query('page') pageParam: string | undefined,
    @Query('sessionId') sessionId: string | undefined,
    @Res() res: Response,
  ) {
    res.render(
      'notices/index',
      await this.page.index(pageParam, { includeSubtree: '1', roles: ['officer'], sessionId }),
    );
  }

  @Roles('trainer', 'admin')
  @Post('trainer/notices')
  async send(@CurrentUser() me: Principal, @Body() body: NoticeForm, @Res() res: Response) {
    try {
      const userIds = await this.page.userIdsFor(single(body.users));
      const dto = await parseForm(CreateNoticeDto, {
        title: single(body.title),
        body: single(body.body),
        ...(single(body.noticeNumber) ? { noticeNumber: single(body.noticeNumber) } : {}),
        ...(single(body.sessionId) ? { sessionId: single(body.sessionId) } : {}),
        unitIds: list(body.unitIds),
        includeSubtree: body.includeSubtree === '1',
        roles: list(body.roles),
        userIds,
      });
      const sent = await this.notices.send(me, dto);
      res.redirect(303, `/trainer/notices/${sent.id}?sent=${sent.recipients}`);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      res.status(failure.status).render('notices/index', {
        ...(await this.page.index(undefined, body)),
        errorMessage: failure.message,
        fieldErrors: failure.fields,
      });
    }
  }

  @Roles('trainer', 'admin')
  @Get('trainer/notices/:id')
  async receipts(
    @Param('id') id: string,
    @Query('sent') sent: string | undefined,
    @Query('reminded') reminded: string | undefined,
    @Res() res: Response,
  ) {
    const [notice, receipts] = await Promise.all([this.notices.get(id), this.notices.receipts(id)]);
    const flash = sent
      ? { kind: 'success', message: `通知已发送给 ${Number(sent) || 0} 人` }
      : reminded
        ? { kind: 'success', message: `已安排提醒 ${Number(reminded) || 0} 名未读人员` }
        : undefined;
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
    res.render('notices/show', await this.page.show(me, id));
  }
}
