import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, IsNull } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { addDays, bureauYear, bureauYearRange } from '../../common/time/bureau-time';
import { rawRows, toNumber } from '../../database/sql/raw-sql';
import { AppConfig } from '../../config/app-config';
import { Unit } from '../../units/entities/unit.entity';
import { ScopeService } from '../../units/scope.service';
import { inTreeOrder, UnitView } from '../../units/unit-tree';
import { membershipParams } from '../../assignments/assignment-members.sql';
import { learnerRowsSql, perSubtreeSql, perUnitSql } from './learning-report.sql';
import { subtreePrefix } from '../../database/sql/unit-subtree';
import { CommonErrors } from '../../common/errors/common.errors';

export interface LearningCounts {
  learners: number;
  assigned: number;
  pending: number;
  completed: number;
  overdue: number;
  /** 学时 earned in the report year. */
  hours: number;
}

export interface LearnerReportRow extends Omit<LearningCounts, 'learners'> {
  userId: string;
  username: string;
  name: string;
  unitId: string;
  unitName: string;
}

export interface LearningReport {
  year: number;
  unit: { id: string; name: string; kind: string; parentId: string | null };
  /** The unit and everything below it. */
  totals: LearningCounts;
  /** The unit's own learners (not those of the units below it). */
  direct: LearningCounts;
  /** The units directly below, each counted with its whole subtree (drill down by unitId). */
  units: { items: Array<LearningCounts & { unitId: string; unitName: string; kind: string }>; total: number };
}

const round = (h: number) => Math.round(h * 100) / 100;
const countsOf = (r: Record<string, unknown> | undefined): LearningCounts => ({
  learners: toNumber(r?.learners),
  assigned: toNumber(r?.assigned),
  pending: toNumber(r?.pending),
  completed: toNumber(r?.completed),
  overdue: toNumber(r?.overdue),
  hours: round(toNumber(r?.hours)),
});

/**
 * The managers' learning report: per unit of their subtree, requirements assigned / completed /
 * pending / overdue (now, one per learner and course, see requirementRowsSql) and the 学时 earned in
 * the year. Every number comes from grouped SQL over all learners at once; nothing loops per officer.
 * Managers see their own subtree (another unit is 404); trainers and admins the whole bureau.
 */
@Injectable()
export class LearningReportService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly scope: ScopeService,
    private readonly config: AppConfig,
  ) {}

  async report(
    me: Principal,
    query: { unitId?: string; year?: number; limit: number; offset: number },
  ): Promise<LearningReport> {
    const unit = await this.reportUnit(me, query.unitId);
    const year = query.year ?? bureauYear(new Date());
    const children = inTreeOrder(await this.em.find(Unit, { where: { parentId: unit.id } }));
    const page = children.slice(query.offset, query.offset + query.limit);
    const params = this.params(unit, year);
    const [subtrees, [direct]] = await Promise.all([
      this.grouped(perSubtreeSql(), { ...params, unitIds: [unit.id, ...page.map((u) => u.id)] }),
      rawRows<Record<string, unknown>>(this.em, perUnitSql(), { ...params, unitIds: [unit.id] }),
    ]);
    return {
      year,
      unit: { id: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId },
      totals: countsOf(subtrees.get(unit.id)),
      direct: countsOf(direct),
      units: {
        items: page.map((u: UnitView) => ({
          unitId: u.id,
          unitName: u.name,
          kind: u.kind,
          ...countsOf(subtrees.get(u.id)),
        })),
        total: children.length,
      },
    };
  }

  /** Learners of the unit itself (`subtree` false) or of its whole subtree, by unit and name. */
  async learners(
    me: Principal,
    query: { unitId?: string; year?: number; limit: number; offset: number },
    subtree = false,
  ): Promise<{ items: LearnerReportRow[]; total: number; year: number; unit: { id: string; name: string } }> {
    const unit = await this.reportUnit(me, query.unitId);
    const year = query.year ?? bureauYear(new Date());
    const where = subtree ? '1 = 1' : `u."unitId" = :reportUnitId`;
    const params = {
      ...this.params(unit, year),
      reportUnitId: unit.id,
      limit: query.limit,
      offset: query.offset,
    };
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT l.* FROM (${learnerRowsSql(where)}) l ORDER BY l."unitPath", l."name", l."username" LIMIT :limit OFFSET :offset`,
      params,
    );
    const [count] = await rawRows<{ n: unknown }>(
      this.em,
      `SELECT COUNT(*) AS "n" FROM (${learnerRowsSql(where)}) l`,
      params,
    );
    return {
      year,
      unit: { id: unit.id, name: unit.name },
      total: toNumber(count?.n),
      items: rows.map((r) => ({
        userId: String(r.userId),
        username: String(r.username),
        name: String(r.name),
        unitId: String(r.unitId),
        unitName: String(r.unitName),
        assigned: toNumber(r.assigned),
        pending: toNumber(r.pending),
        completed: toNumber(r.completed),
        overdue: toNumber(r.overdue),
        hours: round(toNumber(r.hours)),
      })),
    };
  }

  /** The requested unit when in scope (404 otherwise); by default the caller's unit (managers) or the bureau. */
  private async reportUnit(me: Principal, unitId?: string): Promise<Unit> {
    const prefix = await this.scope.unitPathPrefix(me);
    const unit = unitId
      ? await this.em.findOneBy(Unit, { id: unitId })
      : prefix !== null
        ? await this.em.findOneBy(Unit, { id: me.unitId })
        : await this.em.findOne(Unit, { where: { parentId: IsNull() }, order: { path: 'ASC' } });
    if (!unit || (prefix !== null && !unit.path.startsWith(prefix))) {
      throw CommonErrors.unitNotFoundOrHidden();
    }
    return unit;
  }

  private params(unit: Unit, year: number) {
    const now = new Date();
    const { from, to } = bureauYearRange(year);
    return {
      ...membershipParams({}),
      no: false,
      now,
      graceCutoff: addDays(now, -this.config.get('RECERT_GRACE_DAYS')),
      scopePrefix: subtreePrefix(unit.path),
      from,
      to,
    };
  }

  private async grouped(
    sql: string,
    params: Record<string, unknown>,
  ): Promise<Map<string, Record<string, unknown>>> {
    const rows = await rawRows<Record<string, unknown>>(this.em, sql, params);
    return new Map(rows.map((r) => [String(r.unitId), r]));
  }
}
