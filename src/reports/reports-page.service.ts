import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { buildPager } from '../common/views/pager';
import { AppConfig } from '../config/app-config';
import { targetRuleOf } from '../scoring/target-rule';
import { currentPeriods, parsePeriod } from '../scoring/indicators/periods';
import { Unit } from '../units/entities/unit.entity';
import { ScopeService } from '../units/scope.service';
import { CompetencyReportService } from './competency-report.service';
import { DrilldownService } from './drilldown.service';
import { dashboardView, officerView } from './report-views';
import { OFFICER_SORTS, SCORE_BANDS } from './report.sql';
import type { OfficerQueryDto } from './reports.dto';
import { YearlyReportService } from './yearly-report.service';
import { CommonErrors } from '../common/errors/common.errors';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type PageQuery = Record<string, string | undefined>;
const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

/** Pages tolerate odd query strings (a hand-edited link): unknown filters are dropped, not 400. */
function officerQuery(q: PageQuery): OfficerQueryDto {
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

/** The view models of the report pages; the page controller only routes, validates and renders. */
@Injectable()
export class ReportsPageService {
  constructor(
    private readonly report: CompetencyReportService,
    private readonly drill: DrilldownService,
    private readonly yearly: YearlyReportService,
    private readonly scope: ScopeService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private async unitChoices(me: Principal, unitId?: string) {
    const qb = this.dataSource.getRepository(Unit).createQueryBuilder('unit').orderBy('unit.path', 'ASC');
    const units = await (await this.scope.restrictUnits(me, qb, 'unit')).getMany();
    // Without a choice: a manager's own unit (the top of their subtree); an admin's is an office of the bureau, so the bureau.
    const chosen =
      units.find((u) => u.id === unitId) ??
      (me.role === 'admin' ? undefined : units.find((u) => u.id === me.unitId)) ??
      units[0];
    if (!chosen) throw CommonErrors.unitNotFoundOrHidden();
    return {
      chosen,
      units: units.map((u) => ({
        id: u.id,
        name: u.name,
        depth: u.path.split('/').filter(Boolean).length - 1,
        selected: u.id === chosen.id,
      })),
    };
  }

  private period(period?: string) {
    return period && parsePeriod(period) ? period : currentPeriods(new Date())[0];
  }

  async competency(me: Principal, q: PageQuery) {
    const { chosen, units } = await this.unitChoices(me, q.unitId);
    const period = this.period(q.period);
    const oq = officerQuery(q);
    const data = await this.report.dashboard(me, chosen.id, period, oq);
    const filters = {
      unitId: chosen.id,
      period,
      subUnitId: oq.subUnitId,
      status: oq.status,
      band: oq.band,
      overdue: oq.overdue,
      sort: oq.sort,
      dir: oq.dir,
    };
    return {
      title: '能力看板',
      units,
      periods: currentPeriods(new Date()),
      periodError:
        q.period && !parsePeriod(q.period)
          ? '统计期间格式不对：年度写 2026，季度写 2026-Q2，月份写 2026-05。已显示本年度。'
          : null,
      ...dashboardView(data, filters, targetRuleOf(this.config)),
      pager: buildPager(
        '/reports/competency',
        filters,
        data.officers.page,
        data.officers.size,
        data.officers.total,
      ),
    };
  }

  /** An officer's capability page, seen by a manager (`fromReport`) or by the officer (`own`). */
  async officer(me: Principal, userId: string, period: string | undefined, own: boolean) {
    const data = await this.drill.officer(me, userId, this.period(period));
    if (own) return { title: '我的能力分', ...officerView(data), fromReport: false, own: true };
    const fromReport = me.role !== 'officer';
    return { title: `${data.user.name} 的能力分`, ...officerView(data, fromReport), fromReport };
  }

  async dimension(me: Principal, dimension: string, q: PageQuery) {
    const { chosen } = await this.unitChoices(me, q.unitId);
    const userId = q.userId && UUID.test(q.userId) ? q.userId : undefined;
    const data = await this.drill.dimension(me, chosen.id, this.period(q.period), dimension, userId);
    return { title: `${data.dimension.label}维度`, ...data, userQs: userId ? `&userId=${userId}` : '' };
  }

  async article(me: Principal, no: string, q: PageQuery, extra: Record<string, unknown>) {
    const { chosen } = await this.unitChoices(me, q.unitId);
    const userId = q.userId && UUID.test(q.userId) ? q.userId : undefined;
    const data = await this.drill.article(me, chosen.id, this.period(q.period), Number(no), userId);
    const courses = [
      ...new Map(data.lessons.map((l) => [l.courseId, { id: l.courseId, title: l.courseTitle }])).values(),
    ];
    return { title: `${data.article.label} 明细`, ...data, courses, canAssign: courses.length > 0, ...extra };
  }

  async yearlyReport(me: Principal, q: PageQuery) {
    const { chosen, units } = await this.unitChoices(me, q.unitId);
    const year = q.year && /^\d{4}$/.test(q.year) ? q.year : currentPeriods(new Date())[0];
    const data = await this.yearly.build(me, chosen.id, year);
    return { title: `${year} 年度培训绩效评价`, units, ...data, printable: true };
  }
}
