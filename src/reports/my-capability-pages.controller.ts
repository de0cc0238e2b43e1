import { Controller, Get, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { ReportsPageService } from './reports-page.service';

/**
 * 我的能力分 (/my/capability): the officer's own row of the competency report, the same page a manager
 * opens from the drill-down, so it lives with the reports. Its 构成 page (/my/capability/breakdown,
 * the stored breakdown of the score) is scoring's capability-pages.controller.ts.
 */
@ApiExcludeController()
@Controller('my/capability')
export class MyCapabilityPagesController {
  constructor(private readonly page: ReportsPageService) {}

  @Get()
  @Roles('officer')
  @Render('reports/officer')
  mine(@CurrentUser() me: Principal, @Query('period') period?: string) {
    return this.page.officer(me, me.id, period, true);
  }
}
