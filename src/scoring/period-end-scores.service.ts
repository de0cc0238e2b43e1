import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { rawRows } from '../database/sql/raw-sql';
import { TransactionRunner } from '../database/transaction-runner';
import { firstAnswersSql, itemsSql } from './cap2.sql';
import { expandEvidenceSql } from './capability.sql';
import { toGroups, toItems } from './cap2-scoring';
import { targetRuleOf } from './target-rule';
import { currentPeriods, type Period } from './indicators/periods';
import { estimateGrouped } from './model/cap2/grouped';
import { DIMENSIONS } from './model/capability-model';
import { insertPeriodScoresSql, PERIOD_SCORE_COLUMNS } from './period-end-scores.sql';
import { dialectOf } from './sql-dialect';

const INSERT_BATCH = 100;

/** An officer's capability as of a month end; null score = 未评定. */
export interface OfficerAtEnd {
  month: string;
  score: number | null;
  meetsTarget: boolean;
  dimensions: Record<string, number | null>;
}

/** The month whose end a period's end is (a quarter or a year ends with its last month). */
export const monthEndingAt = (end: Date): string => currentPeriods(new Date(end.getTime() - 1))[2];

/** The instant a month code's end is. */
export const endOfMonth = (month: string): Date => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
};

/**
 * Capability as of a period end: every officer's cap-2 estimate from the evidence up to the end of
 * a month, computed in ONE batched pass per month end (one grouped evidence query, the pure module,
 * multi-row inserts) and kept in capability_period_scores, so indicators, reports and the trend of
 * every ended period read the same rows (never a query per officer). A month end is computed once,
 * the first time it is needed after it has passed (evidence before a past instant no longer
 * changes); reopening a period computes it again (refresh).
 */
@Injectable()
export class PeriodEndScoresService {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  /** True when the period is still running at `now`: its capability figures are the live scores. */
  static isRunning(period: Period, now: Date): boolean {
    return period.end.getTime() > now.getTime();
  }

  /** Makes sure the month ends exist (computing the missing ones, one pass each). Not inside a write transaction. */
  async ensure(months: string[]): Promise<void> {
    const rows = months.length
      ? await rawRows<{ periodEnd: string }>(
          this.dataSource.manager,
          `SELECT "periodEnd" FROM capability_period_ends WHERE "periodEnd" IN (:...months)`,
          { months },
        )
      : [];
    const done = new Set(rows.map((r) => r.periodEnd));
    for (const month of months.filter((m) => !done.has(m))) await this.once(month);
  }

  /**
   * One officer's capability as of an ended period's end (the drill-down page): score, 达标 and
   * dimension values (0–100) of the month-end pass, null fields = 未评定. Null while the period runs.
   */
  async officerAtEnd(userId: string, period: Period, now = new Date()): Promise<OfficerAtEnd | null> {
    if (PeriodEndScoresService.isRunning(period, now)) return null;
    const month = monthEndingAt(period.end);
    await this.ensure([month]);
    const [row] = await rawRows<Record<string, unknown>>(
      this.dataSource.manager,
      `SELECT * FROM capability_period_scores WHERE "periodEnd" = :month AND "userId" = :userId`,
      { month, userId },
    );
    const pct = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 10);
    const score =
      row?.score === null || row?.score === undefined ? null : Math.round(Number(row.score) * 10) / 10;
    return {
      month,
      score,
      meetsTarget: score !== null && (row.meetsTarget === true || Number(row.meetsTarget) === 1),
      dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, pct(row?.[`${d}Mastery`])])),
    };
  }

  /** Computes the month end again (a reopened period). */
  refresh(month: string): Promise<void> {
    return this.once(month);
  }

  private once(month: string): Promise<void> {
    let p = this.inFlight.get(month);
    if (!p) {
      p = this.compute(month).finally(() => this.inFlight.delete(month));
      this.inFlight.set(month, p);
    }
    return p;
  }

  private async compute(month: string): Promise<void> {
    const end = endOfMonth(month);
    // evidence strictly before the end (the periods' ends are exclusive); ages counted to the end
    const asOf = new Date(end.getTime() - 1);
    const em = this.dataSource.manager;
    const d = dialectOf(em);
    // finished attempts not expanded yet (their events still queued) count as evidence too
    await this.tx.run((w) => rawRows(w, expandEvidenceSql(dialectOf(w), 'all'), {}));
    const items = toItems(await rawRows<Record<string, unknown>>(em, itemsSql(d, { kind: 'all' }), {}));
    const groups = toGroups(
      await rawRows<Record<string, unknown>>(em, firstAnswersSql(d, { kind: 'all' }), {
        asOf: d.time(asOf),
        asOfDay: asOf.getTime() / 86_400_000,
      }),
      items,
    );
    const config = { minAnswers: this.config.get('CAPABILITY_MIN_ANSWERS'), ...targetRuleOf(this.config) };
    // only officers with evidence get a row: a missing row reads as 未评定 (NULL), like no evidence
    const rows = [...groups.keys()].sort().map((id) => {
      const cap = estimateGrouped(DIMENSIONS, groups.get(id)!, config);
      const dims = Object.fromEntries(
        cap.dimensions.map((x) => [`${x.dimension}Mastery`, x.value === null ? null : x.value / 100]),
      );
      return { periodEnd: month, userId: id, score: cap.score, meetsTarget: cap.meetsTarget, ...dims };
    });
    await this.tx.run(async (w: EntityManager) => {
      await rawRows(w, `DELETE FROM capability_period_scores WHERE "periodEnd" = :month`, { month });
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const batch = rows.slice(i, i + INSERT_BATCH);
        const params: Record<string, unknown> = {};
        batch.forEach((row, r) =>
          PERIOD_SCORE_COLUMNS.forEach(
            (c, j) => (params[`p${j}_${r}`] = (row as Record<string, unknown>)[c] ?? null),
          ),
        );
        await rawRows(w, insertPeriodScoresSql(batch.length), params);
      }
      const wd = dialectOf(w);
      await rawRows(
        w,
        `INSERT INTO capability_period_ends ("periodEnd", "asOf", "computedAt", "officers") VALUES (:month, ${wd.tsParam('asOf')}, ${wd.tsParam('at')}, :n)` +
          ` ON CONFLICT ("periodEnd") DO UPDATE SET "asOf" = excluded."asOf", "computedAt" = excluded."computedAt", "officers" = excluded."officers"`,
        { month, asOf: wd.time(asOf), at: wd.time(new Date()), n: rows.length },
      );
    });
  }
}
