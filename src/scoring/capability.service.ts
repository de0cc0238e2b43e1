import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/errors/app-error';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import { TransactionRunner } from '../database/transaction-runner';
import { ScopeService } from '../units/scope.service';
import { User } from '../users/entities/user.entity';
import { expandEvidenceSql, scoreOfficersSql, type OfficerFilter } from './capability.sql';
import { DIMENSIONS, explain, MODEL, type DimensionCode, type DimensionScore } from './model/capability-model';
import { dialectOf } from './sql-dialect';

export interface CapabilityView {
  userId: string;
  score: number;
  dimensions: Record<DimensionCode, number>;
  computedAt: string;
  formulaVersion: string;
  breakdown: ReturnType<typeof explain>;
}

/**
 * Writes capability_scores with the set-based SQL of capability.sql.ts: for one officer (after an
 * event), for an id range (a chunk of a full run) or for everyone. Every call recomputes from the
 * source tables and upserts, so running it twice changes nothing.
 */
@Injectable()
export class CapabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly scope: ScopeService,
  ) {}

  private params(em: EntityManager, asOf: Date, extra: Record<string, unknown> = {}) {
    const d = dialectOf(em);
    return { asOf: d.time(asOf), asOfDay: asOf.getTime() / 86_400_000, computedAt: d.time(new Date()), no: false, yes: true, ...extra };
  }

  /** Flattens finished attempts' results into scoring_evidence (all officers, or one). */
  async expandEvidence(userId?: string): Promise<void> {
    await this.tx.run((em) => rawRows(em, expandEvidenceSql(dialectOf(em), userId ? 'user' : 'all'), userId ? { userId } : {}));
  }

  /**
   * The same for everyone, one transaction per range of `size` officers (ids as officerIds() orders
   * them), so a first run over years of attempts never holds one huge transaction.
   */
  async expandEvidenceInRanges(ids: string[], size: number): Promise<void> {
    for (let i = 0; i < ids.length; i += size) {
      const params = { fromId: ids[i], toId: ids[Math.min(i + size, ids.length) - 1] };
      await this.tx.run((em) => rawRows(em, expandEvidenceSql(dialectOf(em), 'range'), params));
    }
  }

  private async score(filter: OfficerFilter, asOf: Date, extra: Record<string, unknown>): Promise<void> {
    await this.tx.run((em) => rawRows(em, scoreOfficersSql(dialectOf(em), filter), this.params(em, asOf, extra)));
  }

  async scoreOfficer(userId: string, asOf = new Date()): Promise<void> {
    await this.expandEvidence(userId);
    await this.score({ kind: 'user' }, asOf, { userId });
  }

  /** One chunk of a full run (evidence already expanded by the run). */
  scoreRange(fromId: string, toId: string, asOf: Date): Promise<void> {
    return this.score({ kind: 'range' }, asOf, { fromId, toId });
  }

  async scoreAll(asOf = new Date()): Promise<void> {
    await this.expandEvidence();
    await this.score({ kind: 'all' }, asOf, {});
  }

  /** Ids of the officers a full run scores, in the order chunks are cut. */
  async officerIds(): Promise<string[]> {
    const rows = await rawRows<{ id: string }>(this.dataSource.manager, `SELECT "id" FROM users WHERE "role" = 'officer' AND "disabled" = :no ORDER BY "id"`, { no: false });
    return rows.map((r) => r.id);
  }

  /** GET /api/users/:id/capability: self, a manager in scope, trainers and admins. Computed on first read. */
  async capabilityOf(me: Principal, userId: string): Promise<CapabilityView> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (me.role === 'officer' && me.id !== userId) throw notFound('USER.NOT_FOUND', '用户不存在或无权访问');
    await this.scope.assertCanSeeUser(me, user);
    if (user!.role !== 'officer') throw notFound('CAPABILITY.NOT_APPLICABLE', '能力分只为信访干部计算');
    let row = await this.read(userId);
    if (!row) {
      await this.scoreOfficer(userId);
      row = await this.read(userId);
    }
    if (!row) throw notFound('CAPABILITY.NOT_APPLICABLE', '能力分只为信访干部计算');
    return row;
  }

  async read(userId: string): Promise<CapabilityView | null> {
    const [r] = await rawRows<Record<string, unknown>>(this.dataSource.manager, `SELECT * FROM capability_scores WHERE "userId" = :userId`, { userId });
    return r ? toView(r) : null;
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function toView(r: Record<string, unknown>): CapabilityView {
  const dims = Object.fromEntries(
    DIMENSIONS.map((d) => {
      const mastery = toNumber(r[`${d}Mastery`]);
      const weight = toNumber(r[`${d}Weight`]);
      const weightedCredit = mastery * (weight + MODEL.priorWeight) - MODEL.priorWeight * MODEL.priorMean;
      return [d, { mastery, weight, weightedCredit, count: toNumber(r[`${d}Count`]) } satisfies DimensionScore];
    }),
  ) as Record<DimensionCode, DimensionScore>;
  const nullable = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    userId: String(r.userId),
    score: round1(toNumber(r.score)),
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, round1(100 * dims[d].mastery)])) as Record<DimensionCode, number>,
    computedAt: toDate(r.computedAt)!.toISOString(),
    formulaVersion: String(r.formulaVersion),
    breakdown: explain({
      score: toNumber(r.score),
      knowledge: toNumber(r.knowledge),
      dimensions: dims,
      coursesRequired: toNumber(r.coursesRequired),
      coursesDone: toNumber(r.coursesDone),
      courseRate: nullable(r.courseRate),
      attendancePoints: toNumber(r.attendancePoints),
      attendanceCount: toNumber(r.attendanceCount),
      attendanceRate: nullable(r.attendanceRate),
    }),
  };
}
