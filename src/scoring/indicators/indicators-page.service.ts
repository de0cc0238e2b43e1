import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/errors/app-error';
import { ScopeService } from '../../units/scope.service';
import { Unit } from '../../units/entities/unit.entity';
import { indicatorByCode } from './indicator-catalog';
import type { IndicatorNoteText } from './indicator-notes.service';
import { NOTE_MAX } from './indicators.dto';
import { IndicatorsService, type IndicatorRow } from './indicators.service';
import { currentPeriods, parsePeriod } from './periods';

export interface IndicatorsPageQuery {
  unitId?: string;
  period?: string;
  scope?: string;
}

/** The 绩效 table groups rows by 一级 then 二级指标 (imported indicators sit with their group). */
const LEVEL2_ORDER = ['数量指标', '质量指标', '时效指标', '社会效益指标', '满意度指标'];
const withUnit = (x: number, unit: string) => `${x}${unit === '%' ? '%' : ` ${unit}`}`;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** What the indicator page shows: the units the viewer may pick, the chosen period and the table. */
@Injectable()
export class IndicatorsPageService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly scope: ScopeService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async index(me: Principal, { unitId, period, scope }: IndicatorsPageQuery) {
    const qb = this.dataSource.getRepository(Unit).createQueryBuilder('unit').orderBy('unit.path', 'ASC');
    const units = await (await this.scope.restrictUnits(me, qb, 'unit')).getMany();
    // Without a choice: a manager's own unit; an admin's is an office of the bureau, so the bureau (the first by path).
    const chosenUnit =
      units.find((u) => u.id === unitId) ??
      (me.role === 'admin' ? undefined : units.find((u) => u.id === me.unitId)) ??
      units[0];
    const defaults = currentPeriods(new Date());
    const chosenPeriod = period && parsePeriod(period) ? period : defaults[0];
    const chosenScope = scope === 'own' ? 'own' : 'subtree';
    let rows: IndicatorRow[] = [];
    let error: string | null =
      period && !parsePeriod(period)
        ? '统计期间格式不对：年度写 2026，季度写 2026-Q2，月份写 2026-05。已显示本年度。'
        : null;
    if (chosenUnit) {
      try {
        rows = await this.indicators.list(me, chosenUnit.id, chosenPeriod, chosenScope);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        error = e.message;
      }
    }
    const scored = rows.filter((r) => r.score !== null);
    const noteQuery = (code: string) =>
      `/indicators/notes/${encodeURIComponent(code)}?unitId=${encodeURIComponent(chosenUnit?.id ?? '')}&period=${encodeURIComponent(chosenPeriod)}`;
    return {
      title: '质量指标',
      units: units.map((u) => ({
        id: u.id,
        name: u.name,
        depth: u.path.split('/').filter(Boolean).length - 1,
        selected: u.id === chosenUnit?.id,
      })),
      period: chosenPeriod,
      periods: defaults,
      ownSelected: chosenScope === 'own',
      rows: [...rows]
        .sort((a, b) => LEVEL2_ORDER.indexOf(a.level2) - LEVEL2_ORDER.indexOf(b.level2))
        .map((r) => ({
          ...r,
          actualText: r.actual === null ? '—' : withUnit(r.actual, r.unit),
          targetText: withUnit(r.target, r.unit),
          metText: r.met === null ? '无数据' : r.met ? '达标' : '未达标',
          scoreText: r.score === null ? '无数据' : String(r.score),
          basisText: r.basis ? `分子 ${r.basis.numerator} / 分母 ${r.basis.denominator}` : '',
          noteHref: noteQuery(r.code),
        })),
      totals: rows.length
        ? {
            points: round2(rows.reduce((s, r) => s + r.points, 0)),
            score: round2(scored.reduce((s, r) => s + (r.score ?? 0), 0)),
            unscored: rows.length - scored.length,
          }
        : null,
      frozen: rows.some((r) => r.frozen),
      canImport: me.role === 'admin',
      unitId: chosenUnit?.id ?? '',
      error,
    };
  }

  /** The 偏差原因/改进措施 form of one indicator (the caller's scope was checked by the notes service). */
  async noteView(code: string, unitId: string, period: string, note: IndicatorNoteText) {
    const def = indicatorByCode.get(code);
    const unit = unitId
      ? await this.dataSource.manager.findOneBy(Unit, { id: unitId }).catch(() => null)
      : null;
    return {
      title: `偏差原因和改进措施：${def?.name ?? code}`,
      code,
      name: def?.name ?? code,
      unitId,
      unitName: unit?.name ?? '',
      period,
      note,
      noteMax: NOTE_MAX,
      backHref: `/indicators?unitId=${encodeURIComponent(unitId)}&period=${encodeURIComponent(period)}`,
    };
  }
}
