import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { NoticeForm, NoticesPageService } from './notices-page.service';

type PageResult = { redirect: string } | { view: string; status?: number; model: object };

const respond = (res: Response, r: PageResult) =>
  'redirect' in r ? res.redirect(303, r.redirect) : res.status(r.status ?? 200).render(r.view, r.model);

/** /trainer/notices (send after a confirmation, list, read receipts, remind, withdraw) and /notices/:id. */
@ApiExcludeController()
@Controller()
export class NoticesPagesController {
  constructor(private readonly page: NoticesPageService) {}

  @Roles('trainer', 'admin')
  @Get('trainer/notices')
  async index(
    @Query('page') pageParam: string | undefined,
    @Query('sessionId') sessionId: string | undefined,
    @Res() res: Response,
  ) {
    // no scope ticked by default: the trainer chooses units, people or 全局 (the old default reached everyone)
    res.render(
      'notices/index',
      await this.page.index(pageParam, { includeSubtree: '1', roles: ['officer'], sessionId }),
    );
  }

  /** First POST: the confirmation with the recipient count; the second (confirm=1) sends. */
  @Roles('trainer', 'admin')
  @Post('trainer/notices')
  async send(@CurrentUser() me: Principal, @Body() body: NoticeForm, @Res() res: Response) {
    respond(res, await this.page.submit(me, body));
  }

  @Roles('trainer', 'admin')
  @Get('trainer/notices/:id')
  async receipts(
    @Param('id') id: string,
    @Query() query: Record<string, string | undefined>,
    @Res() res: Response,
  ) {
    res.render('notices/receipts', await this.page.receipts(id, query));
  }

  @Roles('trainer', 'admin')
  @Post('trainer/notices/:id/remind')
  async remind(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    respond(res, await this.page.remind(me, id));
  }

  @Roles('trainer', 'admin')
  @Post('trainer/notices/:id/withdraw')
  async withdraw(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    res.redirect(303, await this.page.withdraw(me, id));
  }

  /** A recipient reads the notice; opening it is the read receipt. */
  @Get('notices/:id')
  async show(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    res.render('notices/show', await this.page.show(me, id));
  }
}
