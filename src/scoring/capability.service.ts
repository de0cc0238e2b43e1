import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { rawRows, toDate } from '../database/sql/raw-sql';
import { TransactionRunner } from '../database/transaction-runner';
import { ScopeService } from '../units/scope.service';
import { User } from '../users/entities/user.entity';
import { firstAnswersSql, itemsSql, participationSql, upsertParams, upsertRowsSql } from './cap2.sql';
import { cap2Rows, toItems } from './cap2-scoring';
import { toView, type CapabilityView } from './capability-view';
import { expandEvidenceSql, type OfficerFilter } from './capability.sql';
import { dialectOf } from './sql-dialect';
import { staleTargetSql, targetRuleOf } from './target-rule';
import { DIMENSIONS } from './model/capability-model';
import { weakArticlesByDimension, weakArticlesSql } from './weak-articles.sql';
import { markFirstAnswersSql } from './first-answers.sql';
import { ScoringErrors } from './scoring.errors';
import { CommonErrors } from '../common/errors/common.errors';

export type { CapabilityView } from './capability-view';

/** Rows per multi-row upsert: 32 columns × 100 stays far below both databases' parameter limits. */
const UPSERT_BATCH = 100;

/**
 * Writes capability_scores with model cap-2: for one officer (after an event), for an id range (a
 * chunk of a full run) or for everyone. Per call, one transaction: the filter's first answers
 * (grouped in SQL) and participation in one statement each, the estimates by the pure module (model/cap2), the rows by
 * multi-row upserts. Every call recomputes from the source tables, so running it twice changes nothing.
 */
@Injectable()
export class CapabilityService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CapabilityService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly scope: ScopeService,
    private readonly config: AppConfig,
  ) {}

  /** A changed CAPABILITY_PASS_MARK / _DIMENSION_FLOOR: say so at start until a full run applies it. */
  async onApplicationBootstrap(): Promise<void> {
    const n = await this.staleTargetRows().catch(() => 0);
    if (n > 0) {
      this.logger.warn(
        `${n} stored 能力达标 values were computed under another CAPABILITY_PASS_MARK or CAPABILITY_DIMENSION_FLOOR: start a full scoring run (/admin/scoring) to apply the configured rule`,
      );
    }
  }

  /** Stored rows whose 达标 the configured rule would decide otherwise. */
  async staleTargetRows(): Promise<number> {
    const rule = targetRuleOf(this.config);
    const [r] = await rawRows<{ n: unknown }>(this.dataSource.manager, staleTargetSql(DIMENSIONS), {
      passMark: rule.passMark,
      floor: rule.dimensionFloor / 100,
      yes: true,
    });
    return Number(r?.n ?? 0);
  }

  private get minAnswers(): number {
    return this.config.get('CAPABILITY_MIN_ANSWERS');
  }

  /** Flattens finished attempts' results into scoring_evidence (all officers, or one) and marks first answers. */
  async expandEvidence(userId?: string): Promise<void> {
    const mode = userId ? 'user' : 'all';
    const params = userId ? { userId } : {};
    await this.tx.run(async (em) => {
      await rawRows(em, expandEvidenceSql(dialectOf(em), mode), params);
      await rawRows(em, markFirstAnswersSql(mode), params);
    });
  }

  /**
   * The same for everyone, one transaction per range of `size` officers (ids as officerIds() orders
   * them), so a first run over years of attempts never holds one huge transaction.
   */
  async expandEvidenceInRanges(ids: string[], size: number): Promise<void> {
    for (let i = 0; i < ids.length; i += size) {
      const params = { fromId: ids[i], toId: ids[Math.min(i + size, ids.length) - 1] };
      await this.tx.run(async (em) => {
        await rawRows(em, expandEvidenceSql(dialectOf(em), 'range'), params);
        await rawRows(em, markFirstAnswersSql('range'), params);
      });
    }
  }

  private async score(filter: OfficerFilter, asOf: Date, extra: Record<string, unknown>): Promise<void> {
    await this.tx.run(async (em: EntityManager) => {
      // Before the statements read anything: the row's evidence watermark (score-watermark.ts).
      const computedAt = new Date();
      const d = dialectOf(em);
      const params = {
        asOf: d.time(asOf),
        asOfDay: asOf.getTime() / 86_400_000,
        no: false,
        yes: true,
        ...extra,
      };
      const participation = await rawRows<Record<string, unknown>>(em, participationSql(filter), params);
      const items = toItems(await rawRows<Record<string, unknown>>(em, itemsSql(d, filter), params));
      const answers = await rawRows<Record<string, unknown>>(em, firstAnswersSql(d, filter), params);
      const rows = cap2Rows(
        participation,
        answers,
        items,
        { minAnswers: this.minAnswers, ...targetRuleOf(this.config) },
        { asOf: d.time(asOf), computedAt: d.time(computedAt) },
      );
      for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
        const batch = rows.slice(i, i + UPSERT_BATCH);
        await rawRows(em, upsertRowsSql(batch.length), upsertParams(batch));
      }
    });
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
    const rows = await rawRows<{ id: string }>(
      this.dataSource.manager,
      `SELECT "id" FROM users WHERE "role" = 'officer' AND "disabled" = :no ORDER BY "id"`,
      { no: false },
    );
    return rows.map((r) => r.id);
  }

  /** GET /api/users/:id/capability: self, a manager in scope, trainers and admins. Computed on first read. */
  async capabilityOf(me: Principal, userId: string): Promise<CapabilityView> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (me.role === 'officer' && me.id !== userId) throw CommonErrors.userNotFoundOrHidden();
    await this.scope.assertCanSeeUser(me, user);
    if (user!.role !== 'officer') throw ScoringErrors.capabilityNotApplicable();
    let row = await this.read(userId);
    if (!row) {
      await this.scoreOfficer(userId);
      row = await this.read(userId);
    }
    if (!row) throw ScoringErrors.capabilityNotApplicable();
    return row;
  }

  /** The stored row with its breakdown: the articles pulling each dimension down, from the evidence the row was computed on. */
  async read(userId: string): Promise<CapabilityView | null> {
    const em = this.dataSource.manager;
    const [r] = await rawRows<Record<string, unknown>>(
      em,
      `SELECT * FROM capability_scores WHERE "userId" = :userId`,
      { userId },
    );
    if (!r) return null;
    const d = dialectOf(em);
    const asOf = toDate(r.asOf) ?? new Date();
    const weak = await rawRows<Record<string, unknown>>(em, weakArticlesSql(d), {
      userId,
      asOf: d.time(asOf),
    });
    return toView(r, {
      minAnswers: this.minAnswers,
      rule: targetRuleOf(this.config),
      weakArticles: weakArticlesByDimension(weak),
    });
  }
}
