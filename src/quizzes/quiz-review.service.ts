import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { rawRows } from '../database/sql/raw-sql';
import { DIMENSION_LABELS } from '../content/dimensions';
import { QuestionVersion } from '../content/entities/question-version.entity';
import type { ReviewShow } from '../content/quiz/quiz-definition';
import { ScopeService } from '../units/scope.service';
import { User } from '../users/entities/user.entity';
import { articleLink, type ArticleLink } from './article-link';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { QuizOverride } from './entities/quiz-override.entity';
import { Quiz } from './entities/quiz.entity';
import { QuizAttemptsService } from './quiz-attempts.service';
import { cycleStart } from './quiz-grade.sql';
import { QuizErrors } from './quizzes.errors';

/**
 * The review of a finished attempt: for its owner as the quiz's review policy allows (what, and
 * when), for trainers, admins and managers in scope in full. Another officer's attempt is 404.
 */
@Injectable()
export class QuizReviewService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly scope: ScopeService,
    private readonly attempts: QuizAttemptsService,
  ) {}

  async review(me: Principal, attemptId: string) {
    let a = /^[0-9a-f-]{36}$/i.test(attemptId)
      ? await this.em.findOneBy(QuizAttempt, { id: attemptId })
      : null;
    if (!a || !(await this.canRead(me, a))) throw QuizErrors.attemptNotFound();
    if (a.state === 'open' && (await this.attempts.closeIfExpired(a.id)) === 'closed') {
      a = await this.em.findOneByOrFail(QuizAttempt, { id: attemptId });
    }
    if (a.state === 'open') throw QuizErrors.reviewNotAvailable();
    const quiz = await this.em.findOneByOrFail(Quiz, { id: a.quizId });
    const show = me.id === a.userId ? await this.ownerShows(a, quiz) : 'full';
    const summary = {
      id: a.id,
      quizId: quiz.id,
      quizTitle: quiz.title,
      courseId: quiz.courseId,
      userId: a.userId,
      number: a.number,
      state: a.state,
      startedAt: a.startedAt.toISOString(),
      deadlineAt: a.deadlineAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
      closedBy: a.closedBy,
      score: Number(a.score),
      passed: Boolean(a.passed),
      passMark: quiz.rules.passMark,
      review: show === 'none' ? 'none' : show,
      reviewAvailableAt:
        show === 'none' && quiz.rules.review.when === 'after-close'
          ? (quiz.closesAt?.toISOString() ?? null)
          : null,
    };
    if (show === 'none' || show === 'score') return { ...summary, questions: [], readAgain: [] };
    return { ...summary, ...(await this.details(a, quiz, show === 'full')) };
  }

  private async canRead(me: Principal, a: QuizAttempt): Promise<boolean> {
    if (a.userId === me.id) return true;
    if (me.role === 'officer') return false;
    const user = await this.em.findOne(User, { select: { id: true, unitId: true }, where: { id: a.userId } });
    return !!user && (await this.scope.canSeeUser(me, user));
  }

  /**
   * What the owner may see now. `after-close`: once the exam's close date has passed; a quiz without
   * one closes for the officer when their attempts of this cycle are used up.
   */
  private async ownerShows(a: QuizAttempt, quiz: Quiz): Promise<ReviewShow | 'none'> {
    const { when, show } = quiz.rules.review;
    if (when === 'never') return 'score';
    if (when === 'immediately') return show;
    const now = new Date();
    if (quiz.closesAt) return now >= quiz.closesAt ? show : 'none';
    const since = await cycleStart(this.em, a.userId, quiz.courseId, now);
    const [row] = await rawRows<{ n: unknown }>(
      this.em,
      `SELECT COUNT(*) AS "n" FROM quiz_attempts WHERE "userId" = :userId AND "quizId" = :quizId AND "startedAt" > :since`,
      { userId: a.userId, quizId: quiz.id, since },
    );
    const extra =
      (await this.em.findOneBy(QuizOverride, { quizId: quiz.id, userId: a.userId }))?.extraAttempts ?? 0;
    return Number(row?.n ?? 0) >= quiz.rules.attemptsAllowed + extra ? show : 'none';
  }

  private async details(a: QuizAttempt, quiz: Quiz, full: boolean) {
    const versions = await this.em.findBy(QuestionVersion, { id: In(a.paper.map((p) => p.v)) });
    const byId = new Map(versions.map((v) => [v.id, v]));
    const credit = new Map((a.results ?? []).map((r) => [r.q, r.credit]));
    const questions = a.paper.map((p, i) => {
      const v = byId.get(p.v)!;
      const chosen = a.answers[p.q] ?? [];
      const text = new Map(v.options.map((o) => [o.id, o.text]));
      return {
        position: i + 1,
        id: p.q,
        version: v.version,
        type: v.type,
        stem: v.stem,
        dimension: v.dimension,
        dimensionLabel: DIMENSION_LABELS[v.dimension] ?? v.dimension,
        credit: credit.get(p.q) ?? 0,
        chosenOptionIds: chosen,
        options: p.o.map((id) => ({
          id,
          text: text.get(id) ?? '',
          chosen: chosen.includes(id),
          ...(full ? { correct: v.answer.includes(id) } : {}),
        })),
        ...(full
          ? { correctOptionIds: v.answer, explanation: v.explanation, articles: v.articles.map(articleLink) }
          : {}),
      };
    });
    const missed = [
      ...new Set(
        questions.filter((q) => q.credit < 1).flatMap((q) => byId.get(a.paper[q.position - 1].v)!.articles),
      ),
    ];
    return { questions, readAgain: full ? await this.readAgain(missed, quiz.courseId) : [] };
  }

  /** Lessons citing the articles of the questions missed: the quiz's own course first, at most ten. */
  private async readAgain(articles: number[], courseId: string | null) {
    if (articles.length === 0) return [];
    const rows = await rawRows<{
      id: string;
      title: string;
      courseId: string;
      courseTitle: string;
      articleNo: unknown;
    }>(
      this.em,
      `SELECT l."id", l."title", l."courseId", c."title" AS "courseTitle", cc."articleNo"
         FROM content_citations cc JOIN lessons l ON l."id" = cc."itemId" JOIN courses c ON c."id" = l."courseId"
        WHERE cc."kind" = 'lesson' AND cc."articleNo" IN (:...articles) AND l."retiredAt" IS NULL AND c."retiredAt" IS NULL
        ORDER BY CASE WHEN l."courseId" = :courseId THEN 0 ELSE 1 END, c."sortOrder", l."sortOrder"`,
      { articles, courseId: courseId ?? '' },
    );
    const lessons = new Map<
      string,
      {
        lessonId: string;
        title: string;
        courseId: string;
        courseTitle: string;
        href: string;
        articles: ArticleLink[];
      }
    >();
    for (const r of rows) {
      const entry = lessons.get(r.id) ?? {
        lessonId: r.id,
        title: r.title,
        courseId: r.courseId,
        courseTitle: r.courseTitle,
        href: `/lessons/${r.id}`,
        articles: [],
      };
      entry.articles.push(articleLink(Number(r.articleNo)));
      lessons.set(r.id, entry);
    }
    return [...lessons.values()].slice(0, 10);
  }
}
