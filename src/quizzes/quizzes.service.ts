import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { rawRows, toDate } from '../database/sql/raw-sql';
import { TransactionRunner } from '../database/transaction-runner';
import { ScopeService } from '../units/scope.service';
import { User } from '../users/entities/user.entity';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { QuizOverride } from './entities/quiz-override.entity';
import { QuizAttemptsService } from './quiz-attempts.service';
import { quizGrade } from './grading';
import { loadQuizFor } from './quiz-access';
import { cycleStart } from './quiz-grade.sql';
import { CommonErrors } from '../common/errors/common.errors';

/** A quiz's settings and, for the caller, attempts used and left, grade and the open attempt. */
@Injectable()
export class QuizzesService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly attempts: QuizAttemptsService,
  ) {}

  async quiz(me: Principal, quizId: string) {
    const quiz = await loadQuizFor(this.em, me, quizId);
    // An open attempt past its deadline is closed before it is shown (lazily, like every other reader).
    const stillOpen = await this.em.findOne(QuizAttempt, {
      select: { id: true },
      where: { userId: me.id, quizId, state: 'open' },
    });
    if (stillOpen) await this.attempts.closeIfExpired(stillOpen.id);
    const now = new Date();
    const since = await cycleStart(this.em, me.id, quiz.courseId, now);
    const override = await this.em.findOneBy(QuizOverride, { quizId, userId: me.id });
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT a."id", a."number", a."state", a."startedAt", a."deadlineAt", a."finishedAt", a."score", a."passed"
         FROM quiz_attempts a WHERE a."userId" = :userId AND a."quizId" = :quizId AND a."startedAt" > :since ORDER BY a."number"`,
      { userId: me.id, quizId, since },
    );
    const attempts = rows.map((r) => ({
      id: String(r.id),
      number: Number(r.number),
      state: String(r.state) as 'open' | 'finished',
      startedAt: toDate(r.startedAt)!.toISOString(),
      deadlineAt: toDate(r.deadlineAt)!.toISOString(),
      finishedAt: toDate(r.finishedAt)?.toISOString() ?? null,
      score: r.score === null ? null : Number(r.score),
      passed: r.passed === null ? null : Boolean(r.passed),
    }));
    const allowed = quiz.rules.attemptsAllowed + (override?.extraAttempts ?? 0);
    const grade = quizGrade(
      quiz.rules.grading,
      attempts.filter((a) => a.state === 'finished').map((a) => a.score ?? 0),
    );
    const open = attempts.find((a) => a.state === 'open') ?? null;
    const r = quiz.rules;
    return {
      id: quiz.id,
      kind: quiz.kind,
      title: quiz.title,
      summary: quiz.summary,
      courseId: quiz.courseId,
      questionCount: r.questionCount,
      timeLimitMinutes: r.timeLimitMinutes,
      attemptsAllowed: r.attemptsAllowed,
      passMark: r.passMark,
      gradingMethod: r.grading,
      shuffleQuestions: r.shuffleQuestions,
      shuffleOptions: r.shuffleOptions,
      partialCredit: r.partialCredit,
      review: r.review,
      opensAt: quiz.opensAt?.toISOString() ?? null,
      closesAt: quiz.closesAt?.toISOString() ?? null,
      isOpen: (!quiz.opensAt || now >= quiz.opensAt) && (!quiz.closesAt || now < quiz.closesAt),
      mine: {
        attemptsUsed: attempts.length,
        attemptsAllowed: allowed,
        attemptsLeft: Math.max(0, allowed - attempts.length),
        extraMinutes: override?.extraMinutes ?? 0,
        grade,
        passed: grade !== null && grade >= r.passMark,
        openAttempt: open ? { id: open.id, deadlineAt: open.deadlineAt } : null,
        attempts,
      },
    };
  }

  /** The overrides set on a quiz, with the officers' names (trainer, admin). */
  async overridesOf(me: Principal, quizId: string) {
    const quiz = await loadQuizFor(this.em, me, quizId);
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT o."userId", u."username", u."name", o."extraMinutes", o."extraAttempts", o."updatedAt"
         FROM quiz_overrides o JOIN users u ON u."id" = o."userId" WHERE o."quizId" = :quizId ORDER BY u."username" LIMIT 500`,
      { quizId: quiz.id },
    );
    const items = rows.map((r) => ({
      userId: String(r.userId),
      username: String(r.username),
      name: String(r.name),
      extraMinutes: Number(r.extraMinutes),
      extraAttempts: Number(r.extraAttempts),
      updatedAt: toDate(r.updatedAt)?.toISOString() ?? null,
    }));
    return { items, total: items.length };
  }

  /** The page form names the officer by username. */
  async setOverrideByUsername(
    me: Principal,
    quizId: string,
    username: string,
    extraMinutes: number,
    extraAttempts: number,
  ) {
    const user = await this.em.findOne(User, { select: { id: true }, where: { username: username.trim() } });
    if (!user) throw CommonErrors.noOfficerWithUsername(username.trim());
    return this.setOverride(me, quizId, user.id, extraMinutes, extraAttempts);
  }

  /** Trainer or admin: extra minutes per attempt and extra attempts for one officer; audit-logged. */
  async setOverride(
    me: Principal,
    quizId: string,
    userId: string,
    extraMinutes: number,
    extraAttempts: number,
  ) {
    const quiz = await loadQuizFor(this.em, me, quizId);
    const user = /^[0-9a-f-]{36}$/i.test(userId)
      ? await this.em.findOne(User, { select: { id: true, unitId: true, role: true }, where: { id: userId } })
      : null;
    if (!user || user.role !== 'officer' || !(await this.scope.canSeeUser(me, user))) {
      throw CommonErrors.officerNotFoundOrHidden();
    }
    return this.tx.run(async (em) => {
      const before = await em.findOneBy(QuizOverride, { quizId: quiz.id, userId });
      const row = { quizId: quiz.id, userId, extraMinutes, extraAttempts, updatedById: me.id };
      if (before) await em.update(QuizOverride, { quizId: quiz.id, userId }, row);
      else await em.insert(QuizOverride, row);
      await this.audit.recordIn(em, me, {
        action: 'quiz.override',
        entityType: 'quiz',
        entityId: `${quiz.id}:${userId}`,
        before: before ? { extraMinutes: before.extraMinutes, extraAttempts: before.extraAttempts } : null,
        after: { extraMinutes, extraAttempts },
      });
      return { quizId: quiz.id, userId, extraMinutes, extraAttempts };
    });
  }
}
