import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/errors/app-error';
import { ScopeService } from '../../units/scope.service';
import { Unit } from '../../units/entities/unit.entity';
import { IndicatorsService } from './indicators.service';
import { currentPeriods, parsePeriod } from './periods';

export interface IndicatorsPageQuery {
  unitId?: string;
  period?: string;
  scope?: string;
}

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
    const chosenUnit = units.find((u) => u.id === unitId) ?? (me.role === 'admin' ? undefined : units.find((u) => u.id === me.unitId)) ?? units[0];
    const defaults = currentPeriods(new Date());
    const chosenPeriod = period && parsePeriod(period) ? period : defaults[0];
    const chosenScope = scope === 'own' ? 'own' : 'subtree';
    let rows: Awaited<ReturnType<IndicatorsService['list']>> = [];
    let error: string | null = period && !parsePeriod(period) ? '统计期间格式不对：年度写 2026，季度写 2026-Q2，月份写 2026-05。已显示本年度。' : null;
    if (chosenUnit) {
      try {
        rows = await this.indicators.list(me, chosenUnit.id, chosenPeriod, chosenScope);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        error = e.message;
      }
    }
    return {
      title: '质量指标',
      units: units.map((u) => ({ id: u.id, name: u.name, depth: u.path.split('/').filter(Boolean).length - 1, selected: u.id === chosenUnit?.id })),
      period: chosenPeriod,
      periods: defaults,
      ownSelected: chosenScope === 'own',
      rows: rows.map((r) => ({ ...r, actualText: r.actual === null ? '—' : `${r.actual}${r.unit === '%' ? '%' : ` ${r.unit}`}`, targetText: `${r.target}${r.unit === '%' ? '%' : ` ${r.unit}`}`, metText: r.met === null ? '无数据' : r.met ? '达标' : '未达标', basisText: r.basis ? `${r.basis.numerator} / ${r.basis.denominator}` : '' })),
      frozen: rows.some((r) => r.frozen),
      canImport: me.role === 'admin',
      error,
    };
  }
}
