import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AppError, badRequest, notFound } from '../common/errors/app-error';
import { buildPager } from '../common/views/pager';
import { currentPeriods, parsePeriod } from '../scoring/indicators/periods';
import { Unit } from '../units/entities/unit.entity';
import { ScopeService } from '../units/scope.service';
import { CompetencyReportService } from './competency-report.service';
import { DrilldownService } from './drilldown.service';
import { dashboardView, officerView } from './report-views';
import { OFFICER_SORTS, SCORE_BANDS } from './report.sql';
import type { OfficerQueryDto } from './reports.dto';
import { YearlyReportService } from './yearly-report.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined => (allowed.includes(value as T) ? (value as T) : undefined);

/** Pages tolerate odd query strings (a hand-edited link): unknown filters are dropped, not 400. */
function officerQuery(q: Record<string, string | undefined>): OfficerQueryDto {
  const page = Number.parseInt(q.page ?? '', 10);
  return {
    subUnitId: q.subUnitId && UUID.test(q.subUnitId) ? q.subUnitId : undefined,
    status: pick(q.status, ['met', 'below', 'unscored'] as const),
    band: pick(q.band, Object.keys(SCORE_BANDS) as Array<keyof typeof SCORE_BANDS>),
    overdue: pick(q.overdue, ['yes', 'no'] as const),
    sort: pick(q.sort, Object.keys(OFFICER_SORTS) as Array<keyof typeof OFFICER_SORTS>),
    dir: pick(q.dir, ['asc', 'desc'] as const),
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1,
    size: 20,
  };
}

/** The competency dashboard, the drill-down pages, the yearly report and the officer's own page. */
@ApiExcludeController()
@Controller()
export class ReportsPagesController {
  constructor(
    private readonly report: CompetencyReportService,
    private readonly drill: DrilldownService,
    private readonly yearly: YearlyReportService,
    private readonly scope: ScopeService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private async unitChoices(me: Principal, unitId?: string) {
    const qb = this.dataSource.getRepository(Unit).createQueryBuilder('unit').orderBy('unit.path', 'ASC');
    const units = await (await this.scope.restrictUnits(me, qb, 'unit')).getMany();
    // Without a choice: a manager's own unit (the top of their subtree); an admin's is an office of the bureau, so the bureau.
    const chosen = units.find((u) => u.id === unitId) ?? (me.role === 'admin' ? undefined : units.find((u) => u.id === me.unitId)) ?? units[0];
    if (!chosen) throw notFound('UNIT.NOT_FOUND', '单位不存在或无权访问');
    return { chosen, units: units.map((u) => ({ id: u.id, name: u.name, depth: u.path.split('/').filter(Boolean).length - 1, selected: u.id === chosen.id })) };
  }

  private period(period?: string) {
    return period && parsePeriod(period) ? period : currentPeriods(new Date())[0];
  }

  @Get('reports/competency')
  @Roles('manager', 'admin')
  @Render('reports/competency')
  async competency(@CurrentUser() me: Principal, @Query() q: Record<string, string | undefined>) {
    const { chosen, units } = await this.unitChoices(me, q.unitId);
    const period = this.period(q.period);
    const oq = officerQuery(q);
    const data = await this.report.dashboard(me, chosen.id, period, oq);
    const filters = { unitId: chosen.id, period, subUnitId: oq.subUnitId, status: oq.status, band: oq.band, overdue: oq.overdue, sort: oq.sort, dir: oq.dir };
    return {
      title: '能力看板',
      units,
      periods: currentPeriods(new Date()),
      periodError: q.period && !parsePeriod(q.period) ? '统计期间格式不对：年度写 2026，季度写 2026-Q2，月份写 2026-05。已显示本年度。' : null,
      ...dashboardView(data, filters),
      pager: buildPager('/reports/competency', filters, data.officers.page, data.officers.size, data.officers.total),
    };
  }

  @Get('reports/officers/:id')
  @Render('reports/officer')
  async officer(@CurrentUser() me: Principal, @Param('id') id: string, @Query('period') period?: string) {
    if (!UUID.test(id)) throw notFound('USER.NOT_FOUND', '用户不存在或无权访问');
    const data = await this.drill.officer(me, id, this.period(period));
    return { title: `${data.user.name} 的能力分`, ...officerView(data), fromReport: me.role !== 'officer' };
  }

  @Get('my/capability')
  @Roles('officer')
  @Render('reports/officer')
  async mine(@CurrentUser() me: Principal, @Query('period') period?: string) {
    const data = await this.drill.officer(me, me.id, this.period(period));
    return { title: '我的能力分', ...officerView(data), fromReport: false, own: true };
  }

  @Get('reports/dimensions/:dimension')
  @Roles('manager', 'admin')
  @Render('reports/dimension')
  async dimension(@CurrentUser() me: Principal, @Param('dimension') dimension: string, @Query() q: Record<string, string | undefined>) {
    const { chosen } = await this.unitChoices(me, q.unitId);
    const userId = q.userId && UUID.test(q.userId) ? q.userId : undefined;
    const data = await this.drill.dimension(me, chosen.id, this.period(q.period), dimension, userId);
    return { title: `${data.dimension.label}维度`, ...data, userQs: userId ? `&userId=${userId}` : '' };
  }

  @Get('reports/articles/:no')
  @Roles('manager', 'trainer', 'admin')
  @Render('reports/article')
  async article(@CurrentUser() me: Principal, @Param('no') no: string, @Query() q: Record<string, string | undefined>) {
    return this.articlePage(me, no, q, {});
  }

  private async articlePage(me: Principal, no: string, q: Record<string, string | undefined>, extra: Record<string, unknown>) {
    const { chosen } = await this.unitChoices(me, q.unitId);
    const userId = q.userId && UUID.test(q.userId) ? q.userId : undefined;
    const data = await this.drill.article(me, chosen.id, this.period(q.period), Number(no), userId);
    const courses = [...new Map(data.lessons.map((l) => [l.courseId, { id: l.courseId, title: l.courseTitle }])).values()];
    return { title: `${data.article.label} 明细`, ...data, courses, canAssign: courses.length > 0, ...extra };
  }

  /** The assign form of the article page: the result (or the reason it was refused) on the same page. */
  @Post('reports/articles/:no/assign')
  @Roles('manager', 'trainer', 'admin')
  async assign(@CurrentUser() me: Principal, @Param('no') no: string, @Body() body: Record<string, string>, @Res() res: Response) {
    const q = { unitId: body.unitId, period: body.period };
    try {
      const threshold = Number(body.threshold);
      if (body.threshold === undefined || body.threshold === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
        throw badRequest('VALIDATION.FAILED', '阈值应为 0 到 100 之间的数字', { threshold: 'range' });
      }
      const dueDay = /^\d{4}-\d{2}-\d{2}$/.test(body.dueDate ?? '') ? `${body.dueDate}T23:59:59+08:00` : String(body.dueDate ?? '');
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
      res.render('reports/article', await this.articlePage(me, no, q, { notice }));
    } catch (e) {
      if (!(e instanceof AppError) || e.getStatus() !== 400) throw e;
      res.status(400).render('reports/article', await this.articlePage(me, no, q, { formError: assignError(e) }));
    }
  }

  @Get('reports/yearly')
  @Roles('manager', 'admin')
  @Render('reports/yearly')
  async yearlyReport(@CurrentUser() me: Principal, @Query() q: Record<string, string | undefined>) {
    const { chosen, units } = await this.unitChoices(me, q.unitId);
    const year = q.year && /^\d{4}$/.test(q.year) ? q.year : currentPeriods(new Date())[0];
    const data = await this.yearly.build(me, chosen.id, year);
    return { title: `${year} 年度培训绩效评价`, units, ...data, printable: true };
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
