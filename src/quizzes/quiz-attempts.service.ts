import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { TransactionRunner } from '../database/transaction-runner';
import { isUniqueViolation } from '../database/unique-violation';
import type { AnswerDto } from './dto/answers.dto';
import { AttemptGradingService } from './attempt-grading.service';
import { AttemptPaper, AttemptResult, loadPaper, mergeAnswers, paperFrom, resultOf } from './attempt-paper';
import { AttemptStartService, StartOutcome } from './attempt-start.service';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { Quiz } from './entities/quiz.entity';
import { QuizDeadlineQueue } from './quiz-deadline.queue';
import { QuizErrors } from './quizzes.errors';

/**
 * Starting, autosaving and finishing attempts. Every write is one TransactionRunner transaction; on
 * PostgreSQL, where transactions run concurrently, an officer's starts serialise on their user row and
 * the writes to one attempt on the attempt row, and the unique open-slot key backs both. Drawing lives
 * in AttemptStartService, grading and closing in AttemptGradingService.
 */
@Injectable()
export class QuizAttemptsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly starter: AttemptStartService,
    private readonly grading: AttemptGradingService,
    private readonly deadlines: QuizDeadlineQueue,
    @InjectEntityManager() private readonly em: EntityManager,
  ) {}

  /** Returns the open attempt (resumed) or a newly drawn one; `created` tells which. */
  async start(me: Principal, quizId: string): Promise<{ paper: AttemptPaper; created: boolean }> {
    let outcome: Exclude<StartOutcome, { refused: unknown }>;
    try {
      const result = await this.tx.run((em) => this.starter.startIn(em, me, quizId));
      // Refused after closing an expired attempt: the closure is committed, the refusal still answers.
      if ('refused' in result) throw result.refused;
      outcome = result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A parallel start of the same officer won the race: resume what it created.
      const open = await this.tx.run((em) =>
        em.findOneBy(QuizAttempt, { userId: me.id, quizId, state: 'open' }),
      );
      if (!open) throw error;
      outcome = { attempt: open, created: false };
    }
    if (outcome.created) {
      this.deadlines.schedule(
        outcome.attempt.id,
        outcome.attempt.deadlineAt.getTime() + this.grading.graceMs,
      );
    }
    const paper = outcome.versions
      ? paperFrom(outcome.attempt, outcome.versions)
      : await this.paperOf(outcome.attempt);
    return { paper, created: outcome.created };
  }

  /** The paper as the officer sees it, in the drawn order with the stored option order. */
  paperOf(a: QuizAttempt): Promise<AttemptPaper> {
    return loadPaper(this.em, a);
  }

  /** The owner's open attempt as a paper, or null when it is finished (closing it first when it expired). */
  async openPaper(me: Principal, attemptId: string): Promise<AttemptPaper | null> {
    const a = /^[0-9a-f-]{36}$/i.test(attemptId)
      ? await this.em.findOneBy(QuizAttempt, { id: attemptId })
      : null;
    if (!a || a.userId !== me.id) throw QuizErrors.attemptNotFound();
    if (a.state === 'finished') return null;
    if (this.grading.expired(a, new Date())) {
      await this.closeIfExpired(a.id);
      return null;
    }
    return this.paperOf(a);
  }

  /** Autosave: merges the given answers into what is saved. Refused once the attempt is closed. */
  async save(
    me: Principal,
    attemptId: string,
    answers: AnswerDto[],
  ): Promise<{ id: string; savedAt: string; answered: number }> {
    const outcome = await this.tx.run(async (em) => {
      const a = await this.grading.ownAttemptIn(em, me, attemptId);
      const now = new Date();
      if (a.state === 'finished') return { closed: true as const };
      if (this.grading.expired(a, now)) {
        await this.grading.finishIn(em, a, await em.findOneByOrFail(Quiz, { id: a.quizId }), now, 'deadline');
        return { closed: true as const };
      }
      const merged = mergeAnswers(a, answers);
      await em.update(QuizAttempt, { id: a.id, state: 'open' }, { answers: merged, savedAt: now });
      return { closed: false as const, savedAt: now, answered: Object.keys(merged).length };
    });
    if (outcome.closed) throw QuizErrors.attemptClosed();
    return { id: attemptId, savedAt: outcome.savedAt.toISOString(), answered: outcome.answered };
  }

  /**
   * Idempotent: the first submit grades and closes, every later one returns the same result. After
   * the deadline plus grace the answers sent with the submit are ignored: the saved ones are graded.
   */
  async submit(me: Principal, attemptId: string, answers?: AnswerDto[]): Promise<AttemptResult> {
    return this.tx.run(async (em) => {
      const a = await this.grading.ownAttemptIn(em, me, attemptId);
      if (a.state === 'finished') return resultOf(a);
      const quiz = await em.findOneByOrFail(Quiz, { id: a.quizId });
      const now = new Date();
      const late = this.grading.expired(a, now);
      if (answers && !late) a.answers = mergeAnswers(a, answers);
      await this.grading.finishIn(em, a, quiz, now, late ? 'deadline' : 'submit');
      return resultOf(a);
    });
  }

  /** The delayed job and lazy readers: closes the attempt when its deadline (plus grace) has passed. */
  async closeIfExpired(
    attemptId: string,
    now = new Date(),
  ): Promise<'closed' | 'finished' | 'open' | 'missing'> {
    return this.tx.run(async (em) => {
      const a = await this.grading.lockedAttempt(em, attemptId);
      if (!a) return 'missing';
      if (a.state === 'finished') return 'finished';
      if (!this.grading.expired(a, now)) return 'open';
      await this.grading.finishIn(em, a, await em.findOneByOrFail(Quiz, { id: a.quizId }), now, 'deadline');
      return 'closed';
    });
  }
}
