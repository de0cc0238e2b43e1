import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { buildPager, pageWindow } from '../common/views/pager';
import { NotificationsService } from './notifications.service';

const PAGE_SIZE = 20;
/** Only links inside the app are followed after marking read (a stored link is never an outside address). */
const insideLink = (link: string | null | undefined) =>
  link && link.startsWith('/') && !link.startsWith('//') ? link : '/notifications';

/** /notifications: everyone's messages (reminders, notices), newest first, with mark read and read all. */
@ApiExcludeController()
@Controller('notifications')
export class NotificationsPagesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  async index(
    @CurrentUser() me: Principal,
    @Query('page') pageParam: string | undefined,
    @Res() res: Response,
  ) {
    const { page, limit, offset } = pageWindow(pageParam, PAGE_SIZE);
    const list = await this.notifications.listForUser(me.id, limit, offset);
    res.render('notifications/index', {
      title: '消息通知',
      ...list,
      pager: buildPager('/notifications', {}, page, PAGE_SIZE, list.total),
    });
  }

  /** Marks one read and opens what it is about. */
  @Post(':id/open')
  async open(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    await this.notifications.markRead(me.id, id);
    const list = await this.notifications.listForUser(me.id, 200, 0);
    res.redirect(303, insideLink(list.items.find((n) => n.id === id)?.link));
  }

  @Post('read-all')
  async readAll(@CurrentUser() me: Principal, @Res() res: Response) {
    await this.notifications.markAllRead(me.id);
    res.redirect(303, '/notifications');
  }
}
