import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { AppConfig } from '../config/app-config';
import { IndicatorsService } from '../scoring/indicators/indicators.service';
import { currentPeriods, periodOrFail, type Period } from '../scoring/indicators/periods';
import { dialectOf } from '../scoring/sql-dialect';
import { Unit } from '../units/entities/unit.entity';
import { ScopeService } from '../units/scope.service';
import {
  articleLabel,
  dimensionsOf,
  limitHeat,
  num,
  tilesOf,
  type DashboardSnapshot,
  type HeatCell,
  type HeatMap,
  type RankingRow,
  type ReportContext,
  type Tiles,
} from './competency-rows';
import { OfficerListService } from './officer-list.service';
import { ReportSnapshotService, type AsOf } from './report-snapshot.service';
import type { OfficerQueryDto } from './reports.dto';
import { pct, reportParams, round2 } from './report-scope';
import { articleHeatSql, liveMeanSql, monthEndTrendSql, officersSql, subUnitRankingSql } from './report.sql';
import { unitExistedBy } from '../units/membership/officers-in-period.sql';
import { endOfMonth, PeriodEndScoresService } from '../scoring/period-end-scores.service';
import { CommonErrors } from '../common/errors/common.errors';

/**
 * The competency dashboard of a unit subtree: tiles, indicators, dimensions, trend, ranking, heat map,
 * officers. The row shapes and pure assembly are in competency-rows.ts, the officer list in OfficerListService.
 */
@Injectable()
export class CompetencyReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly indicators: IndicatorsService,
    private readonly config: AppConfig,
    private readonly snapshots: ReportSnapshotService,
    private readonly officerList: OfficerListService,
    private readonly periodEnds: PeriodEndScoresService,
  ) {
    snapshots.use((unitId, period, em) => this.snapshot(unitId, period, em));
  }

  private get em() {
    return this.dataSource.manager;
  }

  /** The unit (in the caller's scope, else 404) and period (400 when malformed), with the SQL parameters. */
  async context(me: Principal, unitId: string, periodCode: string): Promise<ReportContext> {
    const period = periodOrFail(periodCode);
    await this.scope.assertCanSeeUnit(me, unitId);
    const unit = await this.em.findOneBy(Unit, { id: unitId });
    if (!unit) throw CommonErrors.unitNotFoundOrHidden();
    return this.contextOf(unit, period);
  }

  private contextOf(unit: Unit, period: Period): ReportContext {
    return {
      unit,
      period,
      params: reportParams(dialectOf(this.em), unit, period, this.config.get('RECERT_GRACE_DAYS')),
    };
  }

  /** Computes what a snapshot stores (no scope check: the caller's context was checked when it was asked for). */
  private async snapshot(unitId: string, periodCode: string, em: EntityManager): Promise<DashboardSnapshot> {
    const unit = await em.findOneBy(Unit, { id: unitId });
    if (!unit) throw CommonErrors.unitNotFoundOrHidden();
    const ctx = this.contextOf(unit, periodOrFail(periodCode));
    const [officers] = await rawRows<{ n: unknown }>(
      em,
      `SELECT COUNT(*) AS "n" FROM (${officersSql}) o`,
      ctx.params,
    );
    const existed = unitExistedBy(unit, ctx.period.end, new Date());
    return {
      officers: existed ? toNumber(officers.n) : null,
      indicators: await this.indicators.ofUnit(unit, ctx.period, 'subtree', new Date(), em),
      ranking: await this.ranking(ctx, em),
      heatMap: await this.heatMap(ctx, 50, em),
    };
  }

  /**
   * Tiles, indicators, ranking and heat map (50 weakest articles) of the context, from its snapshot:
   * what the dashboard, the exports and the yearly report show, so they agree and none of them holds
   * the app's connection for the computation.
   */
  async parts(ctx: ReportContext): Promise<{ snap: DashboardSnapshot; tiles: Tiles; asOf: AsOf }> {
    const { payload: snap, asOf } = await this.snapshots.read<DashboardSnapshot>(
      ctx.unit.id,
      ctx.period.code,
    );
    // The ranking already counts, per sub-unit, the active officers with an overdue task: their sum is the tile.
    const overdueOfficers = snap.ranking.reduce((sum, r) => sum + r.overdueOfficers, 0);
    return { snap, tiles: tilesOf(snap.officers, snap.indicators, overdueOfficers), asOf };
  }

  /** The dashboard's costly parts from the snapshot (with when they were computed), the rest read live. */
  async dashboard(me: Principal, unitId: string, periodCode: string, query: OfficerQueryDto = {}) {
    const ctx = await this.context(me, unitId, periodCode);
    const { snap, tiles, asOf } = await this.parts(ctx);
    return {
      unit: { id: ctx.unit.id, name: ctx.unit.name },
      period: ctx.period.code,
      asOf,
      tiles,
      indicators: snap.indicators,
      dimensions: dimensionsOf(snap.indicators),
      trend: await this.trend(ctx),
      ranking: snap.ranking,
      heatMap: limitHeat(snap.heatMap, 15),
      officers: await this.officerList.officers(ctx, query),
    };
  }

  /** Direct child units (and the unit's own officers as 本级), best mean score first. */
  async ranking(ctx: ReportContext, em = this.em): Promise<RankingRow[]> {
    // Sub-units created after the period have no row for it (nothing for a unit that did not exist).
    const now = new Date();
    const children = (
      await em.find(Unit, { where: { parentId: ctx.unit.id }, order: { name: 'ASC' } })
    ).filter((u) => unitExistedBy(u, ctx.period.end, now));
    // scores as of the period end once it has ended (the live ones while it runs)
    const running = PeriodEndScoresService.isRunning(ctx.period, now);
    if (!running) await this.periodEnds.ensure([String(ctx.params.scoreMonth)]);
    const rows = await rawRows<Record<string, unknown>>(
      em,
      subUnitRankingSql(running ? 'live' : 'periodEnd'),
      ctx.params,
    );
    const byId = new Map(rows.map((r) => [String(r.unitId), r]));
    const units = [...children, ...(byId.has(ctx.unit.id) ? [ctx.unit] : [])];
    return units
      .map((u) => {
        const r = byId.get(u.id) ?? {};
        const scored = toNumber(r.scored);
        return {
          unitId: u.id,
          unitName: u.id === ctx.unit.id ? `${u.name}（本级）` : u.name,
          own: u.id === ctx.unit.id,
          officers: toNumber(r.officers),
          scored,
          meanScore: num(r.scoreAvg) === null ? null : round2(Number(r.scoreAvg)),
          metRate: pct(toNumber(r.met), scored),
          overdueOfficers: toNumber(r.overdue),
        };
      })
      .sort(
        (a, b) => (b.meanScore ?? -1) - (a.meanScore ?? -1) || a.unitName.localeCompare(b.unitName, 'zh-CN'),
      );
  }

  /** Share correct per article and sub-unit; articles ordered weakest first (at most `limit`). */
  async heatMap(ctx: ReportContext, limit = 15, em = this.em): Promise<HeatMap> {
    const rows = await rawRows<Record<string, unknown>>(em, articleHeatSql({ byChild: true }), ctx.params);
    const cells: HeatCell[] = rows.map((r) => ({
      articleNo: Number(r.articleNo),
      unitId: String(r.unitId),
      correct: round2(toNumber(r.correct)),
      answers: toNumber(r.answers),
      share: pct(toNumber(r.correct), toNumber(r.answers)) ?? 0,
    }));
    const totals = new Map<number, { correct: number; answers: number }>();
    for (const c of cells) {
      const t = totals.get(c.articleNo) ?? { correct: 0, answers: 0 };
      totals.set(c.articleNo, { correct: t.correct + c.correct, answers: t.answers + c.answers });
    }
    const articles = [...totals.entries()]
      .map(([articleNo, t]) => ({
        articleNo,
        label: articleLabel(articleNo),
        answers: t.answers,
        share: pct(t.correct, t.answers) ?? 0,
      }))
      .sort((a, b) => a.share - b.share || a.articleNo - b.articleNo)
      .slice(0, limit);
    const kept = new Set(articles.map((a) => a.articleNo));
    const unitIds = [...new Set(cells.map((c) => c.unitId))];
    const names = new Map(
      (
        await em.findBy(
          Unit,
          unitIds.map((id) => ({ id })),
        )
      ).map((u) => [u.id, u.id === ctx.unit.id ? `${u.name}（本级）` : u.name]),
    );
    const units = unitIds
      .map((id) => ({ unitId: id, unitName: names.get(id) ?? id }))
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'));
    return { articles, units, cells: cells.filter((c) => kept.has(c.articleNo)) };
  }

  /**
   * Mean capability per month of the period's year, each point the estimate as of that month's end
   * (the month-end passes, one per month, computed once); the running month is the live mean, later
   * months have no point (null).
   */
  async trend(ctx: ReportContext, now = new Date()) {
    const year = ctx.period.code.slice(0, 4);
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const ended = months.filter((m) => endOfMonth(m).getTime() <= now.getTime());
    await this.periodEnds.ensure(ended);
    const rows = ended.length
      ? await rawRows<{ periodEnd: string; value: unknown }>(this.em, monthEndTrendSql, {
          ...ctx.params,
          months: ended,
        })
      : [];
    const values = new Map(rows.map((r) => [r.periodEnd, num(r.value)]));
    const runningMonth = currentPeriods(now)[2];
    if (months.includes(runningMonth)) {
      const [live] = await rawRows<{ value: unknown }>(this.em, liveMeanSql, ctx.params);
      values.set(runningMonth, num(live?.value));
    }
    return months.map((month) => {
      const v = values.get(month);
      return { month, value: v === undefined || v === null ? null : round2(v) };
    });
  }
}
