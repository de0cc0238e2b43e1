import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import { rawRows } from '../../database/sql/raw-sql';
import { TransactionRunner } from '../../database/transaction-runner';
import { Unit } from '../../units/entities/unit.entity';
import { IndicatorTarget } from '../entities/indicator-rows.entity';
import { dialectOf } from '../sql-dialect';
import { INDICATORS, indicatorByCode } from './indicator-catalog';
import { IndicatorErrors } from './indicators.errors';

/** '' in a scoped target's year or unitId: every year / every unit. */
const EVERY = '';

export interface TargetScope {
  year?: string;
  unitId?: string;
}

export interface ScopedTarget {
  code: string;
  year: string | null;
  unitId: string | null;
  target: number;
}

/**
 * Indicator targets (docs/scoring.md "Targets"): the catalogue's default, the bureau-wide target an
 * admin set (indicator_targets), and targets for one year and/or one unit (indicator_scoped_targets).
 * The most specific wins: year and unit, then the unit for every year, then the year for every unit,
 * then the bureau-wide target. A unit's target is its own (a parent's is not inherited).
 */
@Injectable()
export class IndicatorTargetsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** The target of every indicator for a unit and a period's year. */
  async resolve(em: EntityManager, year: string, unitId: string): Promise<Map<string, number>> {
    const bureau = await em.find(IndicatorTarget);
    const scoped = await rawRows<{ code: string; year: string; unitId: string; target: unknown }>(
      em,
      `SELECT "code", "year", "unitId", "target" FROM indicator_scoped_targets WHERE "year" IN (:every, :year) AND "unitId" IN (:every, :unitId)`,
      { every: EVERY, year, unitId },
    );
    const rank = (r: { year: string; unitId: string }) => (r.unitId ? 2 : 0) + (r.year ? 1 : 0);
    const best = new Map<string, { rank: number; target: number }>();
    for (const r of scoped) {
      const k = rank(r);
      if ((best.get(r.code)?.rank ?? -1) < k) best.set(r.code, { rank: k, target: Number(r.target) });
    }
    return new Map(
      INDICATORS.map((i) => [
        i.code,
        best.get(i.code)?.target ?? bureau.find((r) => r.code === i.code)?.target ?? i.target,
      ]),
    );
  }

  /** What the targets page lists: the bureau-wide targets an admin set and every scoped target. */
  async stored(em: EntityManager): Promise<{ bureau: IndicatorTarget[]; scoped: ScopedTarget[] }> {
    const scoped = await rawRows<{ code: string; year: string; unitId: string; target: unknown }>(
      em,
      `SELECT "code", "year", "unitId", "target" FROM indicator_scoped_targets ORDER BY "code", "year", "unitId"`,
      {},
    );
    return {
      bureau: await em.find(IndicatorTarget),
      scoped: scoped.map((r) => ({
        code: r.code,
        year: r.year || null,
        unitId: r.unitId || null,
        target: Number(r.target),
      })),
    };
  }

  /** PUT /api/indicators/targets/:code: bureau-wide without year and unit, else only for them (audited). */
  async set(
    actor: Actor,
    code: string,
    target: number,
    scope: TargetScope = {},
  ): Promise<{ code: string; target: number; year: string | null; unitId: string | null }> {
    const def = indicatorByCode.get(code);
    if (!def) throw IndicatorErrors.notFound(code);
    const year = scope.year ?? EVERY;
    const unitId = scope.unitId ?? EVERY;
    await this.tx.run(async (em) => {
      if (unitId && !(await em.findOneBy(Unit, { id: unitId }))) throw IndicatorErrors.targetUnitNotFound();
      const before = year || unitId ? await this.resolve(em, year, unitId) : null;
      const old = await em.findOneBy(IndicatorTarget, { code });
      if (!year && !unitId) {
        await em.upsert(IndicatorTarget, { code, target, updatedById: actor.id, updatedAt: new Date() }, [
          'code',
        ]);
      } else {
        const d = dialectOf(em);
        await rawRows(
          em,
          `INSERT INTO indicator_scoped_targets ("code", "year", "unitId", "target", "updatedById", "updatedAt")` +
            ` VALUES (:code, :year, :unitId, CAST(:target AS double precision), :by, ${d.tsParam('at')})` +
            ` ON CONFLICT ("code", "year", "unitId") DO UPDATE SET "target" = excluded."target", "updatedById" = excluded."updatedById", "updatedAt" = excluded."updatedAt"`,
          { code, year, unitId, target, by: actor.id, at: d.time(new Date()) },
        );
      }
      await this.audit.recordIn(em, actor, {
        action: 'indicator.target.set',
        entityType: 'indicator_target',
        entityId: code,
        before: { target: before?.get(code) ?? old?.target ?? def.target },
        after: { target, year: year || null, unitId: unitId || null },
      });
    });
    return { code, target, year: year || null, unitId: unitId || null };
  }
}
