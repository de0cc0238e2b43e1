import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { buildPager, pageWindow } from '../../common/views/pager';
import { bureauYear } from '../../common/time/bureau-time';
import { UNIT_KIND_LABELS, UnitKind } from '../../units/entities/unit.entity';
import { LearningReportService } from './learning-report.service';

const UNIT_PAGE = 30;
const LEARNER_PAGE = 30;
const rate = (completed: number, assigned: number) =>
  assigned > 0 ? `${Math.round((completed / assigned) * 100)}%` : '—';
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** /reports/learning: the learning report with drill-down (unit → units below → officer's record). */
@ApiExcludeController()
@Controller('reports/learning')
@Roles('manager', 'admin', 'trainer')
export class LearningReportPagesController {
  constructor(private readonly reports: LearningReportService) {}

  @Get()
  async index(@CurrentUser() me: Principal, @Query() raw: Record<string, unknown>, @Res() res: Response) {
    const current = bureauYear(new Date());
    const unitIdText = text(raw.unitId)?.slice(0, 36);
    const unitId = unitIdText;
    const yearNumber = Number.parseInt(text(raw.year) ?? '', 10);
    const year = yearNumber >= 2000 && yearNumber <= current ? yearNumber : current;
    const units = pageWindow(text(raw.page), UNIT_PAGE);
    const people = pageWindow(text(raw.lpage), LEARNER_PAGE);
    const [report, learners] = await Promise.all([
      this.reports.report(me, { unitId, year, limit: units.limit, offset: units.offset }),
      this.reports.learners(me, { unitId, year, limit: people.limit, offset: people.offset }),
    ]);
    const filters = { unitId: unitIdText, year: year === current ? undefined : String(year) };
    res.render('reports/learning', {
      title: `学习情况 · ${report.unit.name}`,
      ...report,
      kindLabel: UNIT_KIND_LABELS[report.unit.kind as UnitKind] ?? '',
      totalsRate: rate(report.totals.completed, report.totals.assigned),
      unitRows: report.units.items.map((u) => ({ ...u, rate: rate(u.completed, u.assigned) })),
      unitPager: buildPager('/reports/learning', filters, units.page, UNIT_PAGE, report.units.total),
      learners: learners.items,
      learnerPager: learnerPager(filters, units.page, people.page, learners.total),
      learnersTotal: learners.total,
      years: Array.from({ length: 5 }, (_, i) => current - i).map((y) => ({
        value: y,
        selected: y === year,
      })),
      // A manager goes up no further than their own unit.
      parentId:
        report.unit.parentId && (me.role !== 'manager' || report.unit.id !== me.unitId)
          ? report.unit.parentId
          : null,
      csvLink: `/api/reports/learning.csv?${new URLSearchParams({ unitId: report.unit.id, year: String(year) }).toString()}`,
      yearParam: year === current ? undefined : year,
    });
  }
}

/** The officers' pager keeps the units' page and uses its own `lpage`. */
function learnerPager(
  filters: Record<string, string | undefined>,
  unitPage: number,
  page: number,
  total: number,
) {
  const pages = Math.max(1, Math.ceil(total / LEARNER_PAGE));
  const link = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (unitPage > 1) params.set('page', String(unitPage));
    if (target > 1) params.set('lpage', String(target));
    const qs = params.toString();
    return `/reports/learning${qs ? `?${qs}` : ''}#learners`;
  };
  return {
    page,
    pages,
    total,
    prev: page > 1 ? link(page - 1) : undefined,
    next: page < pages ? link(page + 1) : undefined,
  };
}
