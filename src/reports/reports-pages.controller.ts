import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { DrilldownService } from './drilldown.service';
import { ReportsPageService, UUID } from './reports-page.service';
import { CommonErrors } from '../common/errors/common.errors';
import { ReportErrors } from './reports.errors';

/** The competency dashboard, the drill-down pages and the yearly report (the officer's own page: my-capability-pages.controller.ts). */
@ApiExcludeController()
@Controller()
export class ReportsPagesController {
  constructor(
    private readonly page: ReportsPageService,
    private readonly drill: DrilldownService,
  ) {}

  @Get('reports/competency')
  @Roles('manager', 'admin')
  @Render('reports/competency')
  competency(@CurrentUser() me: Principal, @Query() q: Record<string, string | undefined>) {
    return this.page.competency(me, q);
  }

  @Get('reports/officers/:id')
  @Render('reports/officer')
  async officer(@CurrentUser() me: Principal, @Param('id') id: string, @Query('period') period?: string) {
    if (!UUID.test(id)) throw CommonErrors.userNotFoundOrHidden();
    return this.page.officer(me, id, period, false);
  }

  @Get('reports/dimensions/:dimension')
  @Roles('manager', 'admin')
  @Render('reports/dimension')
  dimension(
    @CurrentUser() me: Principal,
    @Param('dimension') dimension: string,
    @Query() q: Record<string, string | undefined>,
  ) {
    return this.page.dimension(me, dimension, q);
  }

  @Get('reports/articles/:no')
  @Roles('manager', 'trainer', 'admin')
  @Render('reports/article')
  article(
    @CurrentUser() me: Principal,
    @Param('no') no: string,
    @Query() q: Record<string, string | undefined>,
  ) {
    return this.page.article(me, no, q, {});
  }

  /** The assign form of the article page: the result (or the reason it was refused) on the same page. */
  @Post('reports/articles/:no/assign')
  @Roles('manager', 'trainer', 'admin')
  async assign(
    @CurrentUser() me: Principal,
    @Param('no') no: string,
    @Body() body: Record<string, string>,
    @Res() res: Response,
  ) {
    const q = { unitId: body.unitId, period: body.period };
    try {
      const threshold = Number(body.threshold);
      if (
        body.threshold === undefined ||
        body.threshold === '' ||
        !Number.isFinite(threshold) ||
        threshold < 0 ||
        threshold > 100
      ) {
        throw ReportErrors.thresholdRange();
      }
      const dueDay = /^\d{4}-\d{2}-\d{2}$/.test(body.dueDate ?? '')
        ? `${body.dueDate}T23:59:59+08:00`
        : String(body.dueDate ?? '');
      const created = await this.drill.assignWeak(me, {
        unitId: String(body.unitId),
        period: String(body.period),
        articleNo: Number(no),
        courseId: String(body.courseId ?? ''),
        threshold,
        target: body.target === 'units' ? 'units' : 'officers',
        dueAt: dueDay,
      });
      const notice = `已布置学习任务：${created.assignedCount} 人（${created.officers ? `按名单 ${created.officers} 人` : ''}${created.units ? `按单位 ${created.units} 个` : ''}）。`;
      res.render('reports/article', await this.page.article(me, no, q, { notice }));
    } catch (e) {
      if (!(e instanceof AppError) || e.getStatus() !== 400) throw e;
      res
        .status(400)
        .render('reports/article', await this.page.article(me, no, q, { formError: assignError(e) }));
    }
  }

  @Get('reports/yearly')
  @Roles('manager', 'admin')
  @Render('reports/yearly')
  yearlyReport(@CurrentUser() me: Principal, @Query() q: Record<string, string | undefined>) {
    return this.page.yearlyReport(me, q);
  }
}

/** Form errors in plain Chinese naming the field. */
function assignError(e: AppError): string {
  if (e.code === 'VALIDATION.FAILED') {
    const fields = Object.keys((e.errors as Record<string, unknown>) ?? {});
    if (fields.includes('threshold')) return '阈值应为 0 到 100 之间的数字';
    if (fields.includes('dueAt')) return '截止日期格式不对：请选择一个日期';
    return '表单有误：请检查课程、阈值和截止日期';
  }
  return e.message;
}
