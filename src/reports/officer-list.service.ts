import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { subtreePrefix } from '../database/sql/unit-subtree';
import { Unit } from '../units/entities/unit.entity';
import { toOfficerRow, type OfficerRow, type ReportContext } from './competency-rows';
import type { OfficerQueryDto } from './reports.dto';
import {
  officerCountSql,
  officerHoursSql,
  officerOverdueSql,
  officerPageSql,
  SCORE_BANDS,
  type OfficerListFilter,
} from './report.sql';
import { CommonErrors } from '../common/errors/common.errors';
import { PeriodEndScoresService } from '../scoring/period-end-scores.service';
import type { ScoreSource } from '../scoring/period-end-scores.sql';

/**
 * The officer list of a report context: filtered, sorted, paged (dashboard, API) or whole (exports);
 * read live (never from a snapshot). Scores, 达标 and the score filters/sort are those of the period:
 * the live scores while it runs, the month-end pass of its end once it has ended (PeriodEndScoresService).
 */
@Injectable()
export class OfficerListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly periodEnds: PeriodEndScoresService,
  ) {}

  private get em() {
    return this.dataSource.manager;
  }

  /** Where the context's scores come from; an ended period's month end is computed first if missing. */
  async sourceOf(ctx: ReportContext, now = new Date()): Promise<ScoreSource> {
    if (PeriodEndScoresService.isRunning(ctx.period, now)) return 'live';
    await this.periodEnds.ensure([String(ctx.params.scoreMonth)]);
    return 'periodEnd';
  }

  filterOf(
    ctx: ReportContext,
    q: OfficerQueryDto,
  ): { filter: OfficerListFilter; params: Record<string, unknown> } {
    const params: Record<string, unknown> = { ...ctx.params };
    const filter: OfficerListFilter = { status: q.status, band: q.band, overdue: q.overdue };
    if (q.band) [params.bandLow, params.bandHigh] = SCORE_BANDS[q.band];
    return { filter, params };
  }

  /** Narrows to a unit inside the report's subtree (which is in scope already); outside it: 404. */
  private async narrow(ctx: ReportContext, q: OfficerQueryDto) {
    const { filter, params } = this.filterOf(ctx, q);
    if (q.subUnitId) {
      const sub = await this.em.findOneBy(Unit, { id: q.subUnitId });
      if (!sub || !sub.path.startsWith(ctx.unit.path)) throw CommonErrors.unitNotFoundOrHidden();
      filter.subPrefix = true;
      params.subPrefix = subtreePrefix(sub.path);
    }
    return { filter, params };
  }

  async officers(ctx: ReportContext, q: OfficerQueryDto) {
    const { filter, params } = await this.narrow(ctx, q);
    const source = await this.sourceOf(ctx);
    const size = q.size ?? 20;
    const page = q.page ?? 1;
    const sort = q.sort ?? 'score';
    // Unless the sort or a filter needs 学时 / overdue for every officer, they are read for the page's officers only.
    const joined = sort === 'overdue' || sort === 'hours' || filter.overdue !== undefined;
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      officerPageSql(filter, sort, q.dir ?? 'asc', true, joined, source),
      { ...params, limit: size, offset: (page - 1) * size },
    );
    if (!joined && rows.length > 0) await this.fillExtras(rows, params);
    // A joined page carries its total; otherwise (or on a page past the end) it is counted.
    const total =
      joined && rows.length > 0
        ? toNumber(rows[0].total)
        : toNumber((await rawRows<{ n: unknown }>(this.em, officerCountSql(filter, source), params))[0].n);
    return { items: rows.map(toOfficerRow), total, page, size };
  }

  private async fillExtras(
    rows: Array<Record<string, unknown>>,
    params: Record<string, unknown>,
  ): Promise<void> {
    const ids = rows.map((r) => String(r.id));
    const hours = new Map(
      (await rawRows<{ userId: string; hours: unknown }>(this.em, officerHoursSql, { ...params, ids })).map(
        (r) => [r.userId, r.hours],
      ),
    );
    const overdue = new Map(
      (await rawRows<{ userId: string; n: unknown }>(this.em, officerOverdueSql(), { ...params, ids })).map(
        (r) => [r.userId, r.n],
      ),
    );
    for (const r of rows) {
      r.hours = hours.get(String(r.id)) ?? 0;
      r.overdue = overdue.get(String(r.id)) ?? 0;
    }
  }

  /** Every officer row matching the filters (exports). */
  async allOfficers(ctx: ReportContext, q: OfficerQueryDto): Promise<OfficerRow[]> {
    const { filter, params } = await this.narrow(ctx, q);
    const source = await this.sourceOf(ctx);
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      officerPageSql(filter, q.sort ?? 'score', q.dir ?? 'asc', false, true, source),
      params,
    );
    return rows.map(toOfficerRow);
  }
}
