import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssignmentReportsService } from '../assignments/assignment-reports.service';
import { AssignmentsService } from '../assignments/assignments.service';
import type { Principal } from '../auth/principal';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import { DIMENSION_LABELS } from '../content/dimensions';
import { CapabilityService } from '../scoring/capability.service';
import { periodOrFail } from '../scoring/indicators/periods';
import { DIMENSIONS, type DimensionCode } from '../scoring/model/capability-model';
import { dialectOf } from '../scoring/sql-dialect';
import { Unit } from '../units/entities/unit.entity';
import { ScopeService } from '../units/scope.service';
import { User } from '../users/entities/user.entity';
import { CompetencyReportService } from './competency-report.service';
import { articleLabel, type ReportContext } from './competency-rows';
import type { AssignWeakDto } from './reports.dto';
import { pct, reportParams, round2 } from './report-scope';
import {
  articleHeatSql,
  articleQuestionsSql,
  lessonsForArticlesSql,
  lessonsForDimensionSql,
} from './report.sql';
import { inUnitSubtree, inUnitSubtreeOf } from '../database/sql/unit-subtree';
import { CommonErrors } from '../common/errors/common.errors';
import { PeriodEndScoresService } from '../scoring/period-end-scores.service';
import { ReportErrors } from './reports.errors';

// prettier-ignore
const ATTENDANCE_LABELS: Record<string, string> = { present: '出席', late: '迟到', left_early: '早退', absent: '缺席', excused: '请假' };
/** Beyond this many officers an assignment should target units instead of names. */
const MAX_NAMED_OFFICERS = 2000;

export interface LessonLink {
  lessonId: string;
  title: string;
  courseId: string;
  courseTitle: string;
}

/** unit → sub-unit → officer → dimension → article, and the assignment made from a weak spot. */
@Injectable()
export class DrilldownService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly report: CompetencyReportService,
    private readonly capability: CapabilityService,
    private readonly scope: ScopeService,
    private readonly assignmentReports: AssignmentReportsService,
    private readonly assignments: AssignmentsService,
    private readonly periodEnds: PeriodEndScoresService,
  ) {}

  private get em() {
    return this.dataSource.manager;
  }

  /** An officer's page: score with breakdown, attempts, attendance, 学时, assignments, weakest articles. */
  async officer(me: Principal, userId: string, periodCode: string) {
    const period = periodOrFail(periodCode);
    const capability = await this.capability.capabilityOf(me, userId); // 404 out of scope, officers only themselves
    const user = (await this.em.findOneBy(User, { id: userId }))!;
    const unit = (await this.em.findOneBy(Unit, { id: user.unitId }))!;
    const d = dialectOf(this.em);
    const attempts = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT qa."id", q."title", qa."number", qa."state", qa."score", qa."passed", qa."finishedAt" FROM quiz_attempts qa JOIN quizzes q ON q."id" = qa."quizId"
        WHERE qa."userId" = :userId ORDER BY qa."startedAt" DESC LIMIT 50`,
      { userId },
    );
    const attendance = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT ts."title", ts."startsAt", se."attendance" FROM session_enrolments se JOIN training_sessions ts ON ts."id" = se."sessionId"
        WHERE se."userId" = :userId ORDER BY ts."startsAt" DESC LIMIT 50`,
      { userId },
    );
    const [hours] = await rawRows<{ period: unknown; total: unknown }>(
      this.em,
      `SELECT SUM(CASE WHEN ce."earnedAt" >= :start AND ce."earnedAt" < :end THEN ce."hours" ELSE 0 END) AS "period", SUM(ce."hours") AS "total" FROM credit_entries ce WHERE ce."userId" = :userId`,
      { userId, start: d.time(period.start), end: d.time(period.end) },
    );
    // capabilityOf has checked the scope (officers: only themselves); the officer's own unit bounds the query.
    const ctx: ReportContext = { unit, period, params: reportParams(d, unit, period, 0) };
    const articles = await this.articleShares(ctx, { userId });
    return {
      user: { id: user.id, name: user.name, username: user.username, unitId: unit.id, unitName: unit.name },
      period: period.code,
      // `capability` (and its breakdown) is the current estimate; an ended period adds its end's figures
      capability,
      periodEnd: await this.periodEnds.officerAtEnd(userId, period),
      dimensions: capability.dimensions.map((dim) => ({ ...dim, questions: dim.answers })),
      attempts: attempts.map((a) => ({
        id: String(a.id),
        title: String(a.title),
        number: toNumber(a.number),
        state: String(a.state),
        score: a.score === null ? null : Number(a.score),
        passed: a.passed === null ? null : a.passed === true || Number(a.passed) === 1,
        finishedAt: toDate(a.finishedAt),
      })),
      attendance: attendance.map((a) => ({
        title: String(a.title),
        startsAt: toDate(a.startsAt),
        attendance: a.attendance as string | null,
        label: ATTENDANCE_LABELS[String(a.attendance)] ?? '未考勤',
      })),
      hours: { period: round2(toNumber(hours?.period)), total: round2(toNumber(hours?.total)) },
      assignments: await this.assignmentReports.forUser(userId),
      weakestArticles: articles.slice(0, 5),
    };
  }

  /** Share correct per article in the subtree (or of one officer), weakest first. */
  private async articleShares(ctx: ReportContext, o: { userId?: string; dimension?: DimensionCode }) {
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      articleHeatSql({ byChild: false, userId: !!o.userId, dimension: !!o.dimension }),
      {
        ...ctx.params,
        ...(o.userId ? { userId: o.userId } : {}),
        ...(o.dimension ? { dimension: o.dimension } : {}),
      },
    );
    return rows
      .map((r) => ({
        articleNo: Number(r.articleNo),
        label: articleLabel(Number(r.articleNo)),
        answers: toNumber(r.answers),
        correct: round2(toNumber(r.correct)),
        share: pct(toNumber(r.correct), toNumber(r.answers)) ?? 0,
      }))
      .sort((a, b) => a.share - b.share || a.articleNo - b.articleNo);
  }

  /** An officer of the subtree (for ?userId= drill-downs): out of it reads as 404. */
  private async officerInScope(me: Principal, ctx: ReportContext, userId?: string): Promise<User | null> {
    if (!userId) return null;
    const user = await this.em.findOneBy(User, { id: userId });
    const unit = user ? await this.em.findOneBy(Unit, { id: user.unitId }) : null;
    if (!user || !unit || !unit.path.startsWith(ctx.unit.path) || !(await this.scope.canSeeUser(me, user))) {
      throw CommonErrors.userNotFoundOrHidden();
    }
    return user;
  }

  /** A dimension: its articles (share correct) in the subtree or for one officer, and its lessons. */
  async dimension(me: Principal, unitId: string, periodCode: string, dimension: string, userId?: string) {
    if (!(DIMENSIONS as readonly string[]).includes(dimension)) throw ReportErrors.dimensionNotFound();
    const dim = dimension as DimensionCode;
    const ctx = await this.report.context(me, unitId, periodCode);
    const user = await this.officerInScope(me, ctx, userId);
    const lessons = await rawRows<Record<string, unknown>>(this.em, lessonsForDimensionSql, {
      dimension: dim,
    });
    return {
      unit: { id: ctx.unit.id, name: ctx.unit.name },
      period: ctx.period.code,
      user: user ? { id: user.id, name: user.name } : null,
      dimension: { code: dim, label: DIMENSION_LABELS[dim] },
      articles: await this.articleShares(ctx, { userId: user?.id, dimension: dim }),
      lessons: lessons.map(toLesson),
    };
  }

  /** An article: the questions citing it (stems only, never the keys), per sub-unit shares, lessons to assign. */
  async article(me: Principal, unitId: string, periodCode: string, articleNo: number, userId?: string) {
    if (!Number.isInteger(articleNo) || articleNo < 1 || articleNo > 50) throw ReportErrors.articleNotFound();
    const ctx = await this.report.context(me, unitId, periodCode);
    const user = await this.officerInScope(me, ctx, userId);
    const params = { ...ctx.params, articleNo, ...(user ? { userId: user.id } : {}) };
    const questions = await rawRows<Record<string, unknown>>(this.em, articleQuestionsSql(!!user), params);
    const lessons = await rawRows<Record<string, unknown>>(this.em, lessonsForArticlesSql, {
      articles: [articleNo],
    });
    const heat = user ? null : await this.report.heatMap(ctx, 50);
    return {
      unit: { id: ctx.unit.id, name: ctx.unit.name },
      period: ctx.period.code,
      user: user ? { id: user.id, name: user.name } : null,
      article: { number: articleNo, label: articleLabel(articleNo) },
      questions: questions.map((q) => ({
        id: String(q.id),
        stem: String(q.stem),
        dimension: String(q.dimension),
        dimensionLabel: DIMENSION_LABELS[q.dimension as DimensionCode] ?? String(q.dimension),
        difficulty: toNumber(q.difficulty),
        answers: toNumber(q.answers),
        share: pct(toNumber(q.correct), toNumber(q.answers)),
      })),
      units: heat
        ? heat.units.map((u) => {
            const cell = heat.cells.find((c) => c.articleNo === articleNo && c.unitId === u.unitId);
            return { ...u, answers: cell?.answers ?? 0, share: cell ? cell.share : null };
          })
        : [],
      lessons: dedupeLessons(lessons.map(toLesson)),
    };
  }

  /**
   * Assigns a course whose lessons teach the weak article (or dimension) to the officers of the
   * subtree below the threshold, or to the sub-units below it. Managers may do this for their own
   * subtree: the targets are computed inside it, so they can reach no one else.
   */
  async assignWeak(me: Principal, dto: AssignWeakDto) {
    if ((dto.articleNo === undefined) === (dto.dimension === undefined)) {
      throw ReportErrors.weakSpotRequired();
    }
    const ctx = await this.report.context(me, dto.unitId, dto.period);
    const lessons = dto.articleNo
      ? await rawRows<Record<string, unknown>>(this.em, lessonsForArticlesSql, { articles: [dto.articleNo] })
      : await rawRows<Record<string, unknown>>(this.em, lessonsForDimensionSql, { dimension: dto.dimension });
    if (!lessons.some((l) => l.courseId === dto.courseId)) {
      throw ReportErrors.courseNotSuggested();
    }
    const target = dto.target ?? 'officers';
    const below =
      target === 'officers' ? await this.officersBelow(ctx, dto) : await this.unitsBelow(ctx, dto);
    if (below.userIds.length + below.unitIds.length === 0) {
      throw ReportErrors.nobodyBelowThreshold(dto.threshold, target === 'officers' ? '干部' : '单位');
    }
    if (below.userIds.length > MAX_NAMED_OFFICERS) {
      throw ReportErrors.tooManyOfficers(MAX_NAMED_OFFICERS);
    }
    const what = dto.articleNo ? articleLabel(dto.articleNo) : DIMENSION_LABELS[dto.dimension!];
    const created = await this.assignments.create(me, {
      courseId: dto.courseId,
      unitIds: below.unitIds,
      includeSubtree: true,
      // roles narrow unit targets to officers; without unit targets a role would mean everyone with it
      roles: below.unitIds.length > 0 ? ['officer'] : undefined,
      userIds: below.userIds,
      dueAt: dto.dueAt,
      note: `能力报告：${ctx.unit.name} ${ctx.period.code} ${what}低于 ${dto.threshold}`,
    });
    return { ...created, officers: below.userIds.length, units: below.unitIds.length };
  }

  private async officersBelow(ctx: ReportContext, dto: AssignWeakDto) {
    const sql = dto.articleNo
      ? `SELECT e."userId" FROM scoring_evidence e JOIN users u ON u."id" = e."userId" JOIN units un ON un."id" = u."unitId"
          JOIN content_citations cc ON cc."kind" = 'question' AND cc."itemId" = e."questionId" AND cc."articleNo" = :articleNo
         WHERE u."role" = 'officer' AND u."disabled" = :no AND ${inUnitSubtreeOf('un."path"', 'prefix')} AND e."finishedAt" >= :start AND e."finishedAt" < :end
         GROUP BY e."userId" HAVING 100.0 * SUM(e."credit") / COUNT(*) < :threshold`
      : `SELECT cs."userId" FROM capability_scores cs JOIN users u ON u."id" = cs."userId" JOIN units un ON un."id" = u."unitId"
         WHERE u."role" = 'officer' AND u."disabled" = :no AND ${inUnitSubtreeOf('un."path"', 'prefix')} AND 100.0 * cs."${dto.dimension}Mastery" < :threshold`;
    const rows = await rawRows<{ userId: string }>(this.em, sql, {
      ...ctx.params,
      articleNo: dto.articleNo,
      threshold: dto.threshold,
    });
    return { userIds: rows.map((r) => r.userId), unitIds: [] as string[] };
  }

  /** Sub-units (direct children) whose share or mean mastery is below the threshold; 本级 officers by name. */
  private async unitsBelow(ctx: ReportContext, dto: AssignWeakDto) {
    let shares: Array<{ unitId: string; value: number | null }>;
    if (dto.articleNo) {
      const heat = await this.report.heatMap(ctx, 50);
      shares = heat.cells
        .filter((c) => c.articleNo === dto.articleNo)
        .map((c) => ({ unitId: c.unitId, value: c.share }));
    } else {
      const rows = await rawRows<Record<string, unknown>>(
        this.em,
        `SELECT COALESCE(c."id", :unitId) AS "unitId", AVG(100.0 * cs."${dto.dimension}Mastery") AS "value" FROM capability_scores cs JOIN users u ON u."id" = cs."userId"
           JOIN units un ON un."id" = u."unitId" LEFT JOIN units c ON c."parentId" = :unitId AND ${inUnitSubtree('un."path"', 'c."path"')}
          WHERE u."role" = 'officer' AND u."disabled" = :no AND ${inUnitSubtreeOf('un."path"', 'prefix')} GROUP BY COALESCE(c."id", :unitId)`,
        ctx.params,
      );
      shares = rows.map((r) => ({
        unitId: String(r.unitId),
        value: r.value === null ? null : Number(r.value),
      }));
    }
    const weak = shares.filter((s) => s.value !== null && s.value < dto.threshold).map((s) => s.unitId);
    const unitIds = weak.filter((id) => id !== ctx.unit.id);
    let userIds: string[] = [];
    if (weak.includes(ctx.unit.id)) {
      const own = await rawRows<{ id: string }>(
        this.em,
        `SELECT "id" FROM users WHERE "unitId" = :unitId AND "role" = 'officer' AND "disabled" = :no`,
        ctx.params,
      );
      userIds = own.map((r) => r.id);
    }
    return { unitIds, userIds };
  }
}

const toLesson = (l: Record<string, unknown>): LessonLink => ({
  lessonId: String(l.id),
  title: String(l.title),
  courseId: String(l.courseId),
  courseTitle: String(l.courseTitle),
});
const dedupeLessons = (list: LessonLink[]) => [...new Map(list.map((l) => [l.lessonId, l])).values()];
