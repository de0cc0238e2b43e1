import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import type { Principal } from '../../auth/principal';
import { rawRows } from '../../database/sql/raw-sql';
import { TransactionRunner } from '../../database/transaction-runner';
import { ScopeService } from '../../units/scope.service';
import { Unit } from '../../units/entities/unit.entity';
import { IndicatorNote, IndicatorPeriod } from '../entities/indicator-rows.entity';
import { monthEndingAt, PeriodEndScoresService } from '../period-end-scores.service';
import { IndicatorTargetsService } from './indicator-targets.service';
import { dialectOf } from '../sql-dialect';
import { INDICATORS } from './indicator-catalog';
import { importedValues } from './imported-values';
import { indicatorValuesUpsert, unitIndicatorsSql } from './indicators.sql';
import { indicatorRow, platformValues } from './indicator-rows';
import { parsePeriod, periodOrFail, type Period } from './periods';
import { subtreePrefix } from '../../database/sql/unit-subtree';
import { memberAtOf, unitExistedBy } from '../../units/membership/officers-in-period.sql';
import { IndicatorErrors } from './indicators.errors';
import { CommonErrors } from '../../common/errors/common.errors';

export type IndicatorScope = 'own' | 'subtree';

export interface IndicatorRow {
  code: string;
  name: string;
  category: string;
  /** 一级指标 / 二级指标 (the name is the 三级指标). */
  level1: string;
  level2: string;
  unit: string;
  source: 'platform' | 'import';
  target: number;
  actual: number | null;
  met: boolean | null;
  /** 分值 and 得分 (indicator-catalog.ts scoreOf). */
  points: number;
  score: number | null;
  unitId: string;
  period: string;
  scope: IndicatorScope;
  /** Numerator and denominator of a rate (null for averages and for imported values given without them). */
  basis: { numerator: number; denominator: number } | null;
  frozen: boolean;
  /** 偏差原因 / 改进措施 (GET /api/indicators and the page; not in reports). */
  deviationReason?: string;
  improvement?: string;
}

/**
 * Quality indicators per unit (own or subtree) and period, in the bureau's format. Open periods are
 * computed on read with one set-based SELECT per unit (capability as of the period end); the
 * `aggregate` job stores them in indicator_values; closing a period (IndicatorPeriodsService) stores
 * a final snapshot with numerators and denominators that nothing changes until it is reopened.
 */
@Injectable()
export class IndicatorsService {
  private readonly logger = new Logger(IndicatorsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly scope: ScopeService,
    private readonly config: AppConfig,
    private readonly targets: IndicatorTargetsService,
    private readonly periodEnds: PeriodEndScoresService,
  ) {}

  async isClosed(em: EntityManager, period: string): Promise<boolean> {
    return !!(await em.findOneBy(IndicatorPeriod, { period }));
  }

  /** GET /api/indicators: a manager for units in their subtree, admins for any unit. */
  async list(
    me: Principal,
    unitId: string,
    periodCode: string,
    scope: IndicatorScope = 'subtree',
  ): Promise<IndicatorRow[]> {
    const period = periodOrFail(periodCode);
    await this.scope.assertCanSeeUnit(me, unitId);
    const em = this.dataSource.manager;
    const unit = await em.findOneBy(Unit, { id: unitId });
    if (!unit) throw CommonErrors.unitNotFoundOrHidden();
    const notes = await em.findBy(IndicatorNote, { unitId, period: period.code });
    return (await this.ofUnit(unit, period, scope)).map((r) => {
      const note = notes.find((n) => n.code === r.code);
      return { ...r, deviationReason: note?.deviationReason ?? '', improvement: note?.improvement ?? '' };
    });
  }

  /** The indicators of a unit the caller's scope was checked for already (the competency report). */
  async ofUnit(
    unit: Unit,
    period: Period,
    scope: IndicatorScope = 'subtree',
    now = new Date(),
    em = this.dataSource.manager,
  ): Promise<IndicatorRow[]> {
    if (await this.isClosed(em, period.code)) return this.stored(em, unit.id, period.code, scope);
    return this.compute(em, unit, period, scope, now);
  }

  async compute(
    em: EntityManager,
    unit: Unit,
    period: Period,
    scope: IndicatorScope,
    now: Date,
  ): Promise<IndicatorRow[]> {
    // A unit that did not exist yet has no figures for the period: every value empty, never 0.
    if (!unitExistedBy(unit, period.end, now)) return this.rowsOf(em, unit, period, scope, {});
    const d = dialectOf(em);
    // Capability as of the period's end: the live scores while it runs, else the month-end pass.
    const running = PeriodEndScoresService.isRunning(period, now);
    const scoreMonth = monthEndingAt(period.end);
    if (!running) await this.periodEnds.ensure([scoreMonth]);
    const [r] = await rawRows<Record<string, unknown>>(
      em,
      unitIndicatorsSql(scope, running ? 'live' : 'periodEnd'),
      {
        no: false,
        yes: true,
        start: d.time(period.start),
        end: d.time(period.end),
        now: d.time(now),
        memberAt: d.time(memberAtOf(period.end, now)),
        yearStart: d.time(parsePeriod(period.code.slice(0, 4))!.start),
        hoursRequired: this.config.get('TRAINING_HOURS_REQUIRED'),
        unitId: unit.id,
        prefix: subtreePrefix(unit.path),
        scoreMonth,
      },
    );
    const values = platformValues(r);
    Object.assign(values, await importedValues(em, unit, period.code, scope));
    return this.rowsOf(em, unit, period, scope, values);
  }

  private async rowsOf(
    em: EntityManager,
    unit: Unit,
    period: Period,
    scope: IndicatorScope,
    values: ReturnType<typeof platformValues>,
  ): Promise<IndicatorRow[]> {
    const targets = await this.targets.resolve(em, period.code.slice(0, 4), unit.id);
    return INDICATORS.map((def) =>
      indicatorRow(
        def,
        targets.get(def.code)!,
        values[def.code] ?? { actual: null, basis: null },
        unit.id,
        period.code,
        scope,
        false,
      ),
    );
  }

  private async stored(
    em: EntityManager,
    unitId: string,
    period: string,
    scope: IndicatorScope,
  ): Promise<IndicatorRow[]> {
    const rows = await rawRows<Record<string, unknown>>(
      em,
      `SELECT "code", "actual", "target", "numerator", "denominator" FROM indicator_values WHERE "unitId" = :unitId AND "period" = :period AND "scope" = :scope`,
      { unitId, period, scope },
    );
    const byCode = new Map(rows.map((r) => [String(r.code), r]));
    return INDICATORS.map((def) => {
      const r = byCode.get(def.code);
      const actual = r && r.actual !== null ? Number(r.actual) : null;
      // the basis stored with the value (rows frozen before it was kept have none)
      const basis =
        r && r.numerator !== null && r.denominator !== null
          ? { numerator: Number(r.numerator), denominator: Number(r.denominator) }
          : null;
      return indicatorRow(
        def,
        r && r.target !== null ? Number(r.target) : def.target,
        { actual, basis },
        unitId,
        period,
        scope,
        true,
      );
    });
  }

  /** Stores the indicators of every unit (own and subtree) for the periods; a closed period is refused. */
  async aggregate(periodCodes: string[], now = new Date()): Promise<void> {
    for (const code of periodCodes) {
      const period = parsePeriod(code);
      if (!period) continue;
      if (await this.isClosed(this.dataSource.manager, code)) {
        this.logger.warn(`indicators of the closed period ${code} are frozen: not recomputed`);
        continue;
      }
      await this.store(period, now);
    }
  }

  /**
   * Stores the indicators of every unit (own and subtree) for the period. `closing`: in the same
   * transaction, `closing(em)` records the close (the values then are what stays frozen).
   */
  async store(period: Period, now: Date, closing?: (em: EntityManager, units: number) => Promise<void>) {
    const units = await this.dataSource.manager.find(Unit);
    const rows: IndicatorRow[] = [];
    for (const unit of units) {
      for (const scope of ['own', 'subtree'] as const) {
        rows.push(...(await this.compute(this.dataSource.manager, unit, period, scope, now)));
      }
    }
    await this.tx.run(async (em) => {
      if (await this.isClosed(em, period.code)) throw IndicatorErrors.periodClosedNoRecompute(period.code);
      const d = dialectOf(em);
      for (let i = 0; i < rows.length; i += 200) {
        const { sql, params } = indicatorValuesUpsert(rows.slice(i, i + 200), d, now);
        await rawRows(em, sql, params);
      }
      if (closing) await closing(em, units.length);
    });
  }
}
