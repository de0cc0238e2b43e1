import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../audit/audit-actor';
import type { Principal } from '../../auth/principal';
import { unitOptions } from '../../common/views/page-options';
import { Unit } from '../../units/entities/unit.entity';
import { User } from '../../users/entities/user.entity';
import { IndicatorPeriod } from '../entities/indicator-rows.entity';
import { INDICATORS } from './indicator-catalog';
import { IndicatorPeriodsService } from './indicator-periods.service';
import { IndicatorTargetsService, type TargetScope } from './indicator-targets.service';
import { parsePeriod } from './periods';

/** A target form as it was posted, given back with the field errors when it is refused. */
export interface TargetFormInput {
  code: string;
  target: string;
  year: string;
  unitId: string;
}

const withUnit = (x: number, unit: string) => `${x}${unit === '%' ? '%' : ` ${unit}`}`;
const depthOf = (u: Unit) => u.path.split('/').filter(Boolean).length - 1;

/**
 * The admin parts of the indicator pages: closing and reopening the shown period (on /indicators)
 * and the targets page (/admin/indicators/targets). The writes go through the same services as the API.
 */
@Injectable()
export class IndicatorAdminPageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly periods: IndicatorPeriodsService,
    private readonly targets: IndicatorTargetsService,
  ) {}

  close(actor: Actor, period: string) {
    return this.periods.close(actor, period);
  }

  reopen(actor: Actor, period: string, reason: string) {
    return this.periods.reopen(actor, period, reason);
  }

  setTarget(actor: Actor, code: string, target: number, scope: TargetScope) {
    return this.targets.set(actor, code, target, scope);
  }

  /** The period box an admin sees on /indicators: whether it may be closed, or who closed it and when. */
  async periodPanel(me: Principal, periodCode: string, now = new Date()) {
    const period = parsePeriod(periodCode);
    if (me.role !== 'admin' || !period) return null;
    const closed = await this.dataSource.manager.findOneBy(IndicatorPeriod, { period: period.code });
    const closer = closed?.closedById
      ? await this.dataSource.manager.findOneBy(User, { id: closed.closedById })
      : null;
    return {
      code: period.code,
      ended: period.end.getTime() <= now.getTime(),
      closed: closed ? { at: closed.closedAt, by: closer?.name ?? null } : null,
    };
  }

  /** Per indicator: the catalogue default, the bureau-wide target, the scoped targets and the form. */
  async targetsView(extra: { form?: TargetFormInput; errors?: Record<string, string> } = {}) {
    const em = this.dataSource.manager;
    const units = await em.getRepository(Unit).find({ order: { path: 'ASC' } });
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const { bureau, scoped } = await this.targets.stored(em);
    const form = extra.form;
    const choices = units
      .filter((u) => !u.retiredAt)
      .map((u) => ({ id: u.id, name: u.name, depth: depthOf(u) }));
    return {
      title: '指标目标值',
      thisYear: String(new Date().getUTCFullYear()),
      indicators: INDICATORS.map((def) => {
        const set = bureau.find((b) => b.code === def.code);
        const mine = form?.code === def.code ? form : undefined;
        return {
          code: def.code,
          name: def.name,
          level2: def.level2,
          unit: def.unit,
          catalogText: withUnit(def.target, def.unit),
          bureauText: withUnit(set?.target ?? def.target, def.unit),
          bureauSet: !!set,
          scoped: scoped
            .filter((s) => s.code === def.code)
            .map((s) => ({
              yearText: s.year ?? '每年',
              unitText: s.unitId ? (unitName.get(s.unitId) ?? '（已删除的单位）') : '全部单位',
              targetText: withUnit(s.target, def.unit),
            })),
          form: { target: mine?.target ?? '', year: mine?.year ?? '' },
          unitChoices: unitOptions(choices, mine?.unitId),
          errors: mine ? (extra.errors ?? {}) : {},
          open: !!mine,
        };
      }),
    };
  }
}
