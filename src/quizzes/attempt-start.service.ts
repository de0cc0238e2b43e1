import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { QuestionVersion } from '../content/entities/question-version.entity';
import { drawPaper, shuffle, type PoolQuestion } from './draw-paper';
import { User } from '../users/entities/user.entity';
import { isPostgres } from './attempt-paper';
import { AttemptGradingService } from './attempt-grading.service';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { Quiz } from './entities/quiz.entity';
import { loadQuizFor } from './quiz-access';
import { cycleStart } from './quiz-grade.sql';
import { QuizErrors } from './quizzes.errors';

export type StartOutcome =
  { attempt: QuizAttempt; created: boolean; versions?: QuestionVersion[] } | { refused: AppError };

/**
 * Starting an attempt inside the caller's transaction: resume the open one, or check the window and
 * the attempts left, draw a paper from the (cached) pool and insert it. On PostgreSQL an officer's
 * starts serialise on their user row; the unique open-slot key backs that.
 */
@Injectable()
export class AttemptStartService {
  constructor(private readonly grading: AttemptGradingService) {}

  private readonly pools = new Map<
    string,
    { key: string; at: number; pool: Array<PoolQuestion & { versionId: string }> }
  >();

  async startIn(em: EntityManager, me: Principal, quizId: string): Promise<StartOutcome> {
    if (isPostgres(em)) {
      await em
        .createQueryBuilder(User, 'u')
        .select('u.id')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id: me.id })
        .getOne();
    }
    const quiz = await loadQuizFor(em, me, quizId);
    const now = new Date();
    const open = await em.findOneBy(QuizAttempt, { userId: me.id, quizId, state: 'open' });
    if (open && !this.grading.expired(open, now)) return { attempt: open, created: false };
    if (open) await this.grading.finishIn(em, open, quiz, now, 'deadline');
    if (quiz.opensAt && now < quiz.opensAt) return { refused: QuizErrors.notOpen() };
    if (quiz.closesAt && now >= quiz.closesAt) return { refused: QuizErrors.quizClosed() };
    const since = await cycleStart(em, me.id, quiz.courseId, now);
    // Attempts of this cycle, the last attempt number and the trainer's override: one statement.
    const [counts] = await rawRows<{
      used: unknown;
      last: unknown;
      extraMinutes: unknown;
      extraAttempts: unknown;
    }>(
      em,
      `SELECT SUM(CASE WHEN a."startedAt" > :since THEN 1 ELSE 0 END) AS "used", MAX(a."number") AS "last",
              (SELECT o."extraMinutes" FROM quiz_overrides o WHERE o."quizId" = :quizId AND o."userId" = :userId) AS "extraMinutes",
              (SELECT o."extraAttempts" FROM quiz_overrides o WHERE o."quizId" = :quizId AND o."userId" = :userId) AS "extraAttempts"
         FROM quiz_attempts a WHERE a."userId" = :userId AND a."quizId" = :quizId`,
      { userId: me.id, quizId, since },
    );
    const override = {
      extraMinutes: toNumber(counts?.extraMinutes),
      extraAttempts: toNumber(counts?.extraAttempts),
    };
    const allowed = quiz.rules.attemptsAllowed + override.extraAttempts;
    if (toNumber(counts?.used) >= allowed) return { refused: QuizErrors.noAttemptsLeft(allowed) };
    const drawn = drawPaper(await this.cachedPool(em, quiz), quiz.rules.draw);
    if (!drawn) return { refused: QuizErrors.drawFailed() };
    const ordered = quiz.rules.shuffleQuestions ? drawn : [...drawn].sort((a, b) => a.id.localeCompare(b.id));
    // Only the drawn versions' texts are read: the pool query stays light.
    const versions = await em.find(QuestionVersion, {
      select: { id: true, type: true, stem: true, options: true },
      where: { id: In(drawn.map((q) => q.versionId)) },
    });
    const optionIds = new Map(versions.map((v) => [v.id, v.options.map((o) => o.id)]));
    const limitMs = (quiz.rules.timeLimitMinutes + override.extraMinutes) * 60_000;
    const deadline = quiz.closesAt
      ? Math.min(now.getTime() + limitMs, quiz.closesAt.getTime())
      : now.getTime() + limitMs;
    const attempt: QuizAttempt = {
      id: randomUUID(),
      quizId,
      userId: me.id,
      number: toNumber(counts?.last) + 1,
      state: 'open',
      openSlot: 1,
      startedAt: now,
      deadlineAt: new Date(deadline),
      finishedAt: null,
      closedBy: null,
      paper: ordered.map((q) => {
        const ids = optionIds.get(q.versionId) ?? [];
        return {
          q: q.id,
          v: q.versionId,
          t: q.type,
          o: quiz.rules.shuffleOptions && q.type !== 'truefalse' ? shuffle(ids) : ids,
        };
      }),
      answers: {},
      savedAt: null,
      score: null,
      passed: null,
      results: null,
    };
    await em.insert(QuizAttempt, attempt);
    return { attempt, created: true, versions };
  }

  /**
   * The pool is the same for every officer until content changes, and reading and parsing it was most of
   * a start's work (an exam draws from every bank). Kept per quiz, keyed by the last import's tree hash
   * (one primary-key read), and at most a minute old so direct database edits show up too.
   */
  private async cachedPool(
    em: EntityManager,
    quiz: Quiz,
  ): Promise<Array<PoolQuestion & { versionId: string }>> {
    const [row] = await rawRows<{ hash: string }>(
      em,
      `SELECT "treeHash" AS "hash" FROM content_imports WHERE "id" = 'current'`,
      {},
    );
    const key = `${row?.hash ?? ''}:${quiz.courseId ?? '*'}`;
    const hit = this.pools.get(quiz.id);
    if (hit && hit.key === key && Date.now() - hit.at < 60_000) return hit.pool;
    const pool = await this.poolOf(em, quiz);
    this.pools.set(quiz.id, { key, at: Date.now(), pool });
    return pool;
  }

  /** The current versions the quiz may draw from: one indexed query. */
  private async poolOf(em: EntityManager, quiz: Quiz): Promise<Array<PoolQuestion & { versionId: string }>> {
    const courses = quiz.courseId ? [quiz.courseId] : null;
    const rows = await rawRows<Record<string, unknown>>(
      em,
      `SELECT q."id", q."courseId", q."currentVersionId" AS "versionId", q."family", v."type", v."dimension", v."difficulty", v."articles"
         FROM questions q JOIN question_versions v ON v."id" = q."currentVersionId" JOIN courses c ON c."id" = q."courseId"
        WHERE q."retiredAt" IS NULL AND c."retiredAt" IS NULL${courses ? ' AND q."courseId" IN (:...courses)' : ''}`,
      courses ? { courses } : {},
    );
    return rows.map((r) => ({
      id: String(r.id),
      courseId: String(r.courseId),
      versionId: String(r.versionId),
      family: r.family === null || r.family === undefined ? null : String(r.family),
      type: r.type as PoolQuestion['type'],
      dimension: r.dimension as PoolQuestion['dimension'],
      difficulty: toNumber(r.difficulty),
      articles: JSON.parse(String(r.articles)) as number[],
    }));
  }
}
