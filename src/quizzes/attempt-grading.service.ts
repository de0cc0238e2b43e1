import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { CompletionsService } from '../completions/completions.service';
import { AppConfig } from '../config/app-config';
import { QuestionVersion } from '../content/entities/question-version.entity';
import { OutboxService } from '../outbox/outbox.service';
import { ATTEMPT_FINISHED } from '../outbox/outbox.events';
import { isPostgres } from './attempt-paper';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { Quiz } from './entities/quiz.entity';
import { creditFor, scoreOf } from './grading';
import { QuizErrors } from './quizzes.errors';

/** When an attempt counts as expired, how it is locked for a write, and how it is graded and closed. */
@Injectable()
export class AttemptGradingService {
  constructor(
    private readonly config: AppConfig,
    private readonly completions: CompletionsService,
    private readonly outbox: OutboxService,
  ) {}

  get graceMs(): number {
    return this.config.get('QUIZ_DEADLINE_GRACE_SECONDS') * 1000;
  }

  expired(a: QuizAttempt, now: Date): boolean {
    return a.state === 'open' && now.getTime() > a.deadlineAt.getTime() + this.graceMs;
  }

  /** On PostgreSQL the writes to one attempt serialise on its row. */
  async lockedAttempt(em: EntityManager, attemptId: string): Promise<QuizAttempt | null> {
    if (!/^[0-9a-f-]{36}$/i.test(attemptId)) return null;
    const qb = em.createQueryBuilder(QuizAttempt, 'a').where('a.id = :attemptId', { attemptId });
    if (isPostgres(em)) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async ownAttemptIn(em: EntityManager, me: Principal, attemptId: string): Promise<QuizAttempt> {
    const a = await this.lockedAttempt(em, attemptId);
    if (!a || a.userId !== me.id) throw QuizErrors.attemptNotFound();
    return a;
  }

  /**
   * Grades on the versions the attempt was drawn from, closes it, writes `attempt.finished` and, when
   * a course quiz is passed, completes the course: all in the caller's transaction.
   */
  async finishIn(
    em: EntityManager,
    a: QuizAttempt,
    quiz: Quiz,
    now: Date,
    closedBy: 'submit' | 'deadline',
  ): Promise<void> {
    const versions = await em.find(QuestionVersion, {
      select: { id: true, type: true, answer: true, articles: true, dimension: true },
      where: { id: In(a.paper.map((p) => p.v)) },
    });
    const byId = new Map(versions.map((v) => [v.id, v]));
    const results = a.paper.map((p) => {
      const v = byId.get(p.v)!;
      return { q: p.q, credit: creditFor(v.type, v.answer, a.answers[p.q], quiz.rules.partialCredit) };
    });
    const score = scoreOf(results.map((r) => r.credit));
    const passed = score >= quiz.rules.passMark;
    const finished = {
      state: 'finished' as const,
      openSlot: null,
      finishedAt: now,
      closedBy,
      score,
      passed,
      results,
    };
    Object.assign(a, finished);
    const update = await em.update(
      QuizAttempt,
      { id: a.id, state: 'open' },
      { ...finished, answers: a.answers },
    );
    if (update.affected === 0) throw QuizErrors.attemptEnded();
    await this.outbox.append(em, ATTEMPT_FINISHED, {
      userId: a.userId,
      quizId: quiz.id,
      courseId: quiz.courseId,
      attemptId: a.id,
      score,
      passed,
      finishedAt: now.toISOString(),
      items: a.paper.map((p, i) => ({
        questionId: p.q,
        versionId: p.v,
        credit: results[i].credit,
        articles: byId.get(p.v)!.articles,
        dimension: byId.get(p.v)!.dimension,
      })),
    });
    if (passed && quiz.kind === 'course' && quiz.courseId) {
      await this.completions.completeAfterQuizIn(em, a.userId, quiz.courseId, now);
    }
  }
}
