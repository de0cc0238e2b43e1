import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AppError, badRequest, conflict, notFound } from '../common/errors/app-error';
import { CompletionsService } from '../completions/completions.service';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { AppConfig } from '../config/app-config';
import { QuestionVersion } from '../content/entities/question-version.entity';
import { drawPaper, shuffle, type PoolQuestion } from '../content/quiz/draw-paper';
import { TransactionRunner } from '../database/transaction-runner';
import { isUniqueViolation } from '../database/unique-violation';
import { OutboxService } from '../outbox/outbox.service';
import { ATTEMPT_FINISHED } from '../outbox/outbox.events';
import { User } from '../users/entities/user.entity';
import type { AnswerDto } from './dto/answers.dto';
import { QuizAttempt, type SavedAnswers } from './entities/quiz-attempt.entity';
import { Quiz } from './entities/quiz.entity';
import { creditFor, scoreOf } from './grading';
import { loadQuizFor } from './quiz-access';
import { QuizDeadlineQueue } from './quiz-deadline.queue';
import { cycleStart } from './quiz-grade.sql';

export interface AttemptResult {
  id: string;
  state: 'finished';
  score: number;
  passed: boolean;
}

/** What the officer taking the quiz sees: questions and options, never keys. */
export interface AttemptPaper {
  id: string;
  quizId: string;
  number: number;
  state: 'open';
  startedAt: string;
  deadlineAt: string;
  savedAt: string | null;
  questions: Array<{ id: string; type: string; stem: string; options: Array<{ id: string; text: string }> }>;
  answers: Array<{ questionId: string; optionIds: string[] }>;
}

const isPostgres = (em: EntityManager) => em.connection.options.type === 'postgres';

/**
 * Starting, autosaving and finishing attempts. Every write is one TransactionRunner transaction; on
 * PostgreSQL, where transactions run concurrently, an officer's starts serialise on their user row and
 * the writes to one attempt on the attempt row, and the unique open-slot key backs both.
 */
@Injectable()
export class QuizAttemptsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
    private readonly completions: CompletionsService,
    private readonly outbox: OutboxService,
    private readonly deadlines: QuizDeadlineQueue,
    @InjectEntityManager() private readonly em: EntityManager,
  ) {}

  private readonly pools = new Map<string, { key: string; at: number; pool: Array<PoolQuestion & { versionId: string }> }>();

  private get graceMs(): number {
    return this.config.get('QUIZ_DEADLINE_GRACE_SECONDS') * 1000;
  }

  private expired(a: QuizAttempt, now: Date): boolean {
    return a.state === 'open' && now.getTime() > a.deadlineAt.getTime() + this.graceMs;
  }

  /** Returns the open attempt (resumed) or a newly drawn one; `created` tells which. */
  async start(me: Principal, quizId: string): Promise<{ paper: AttemptPaper; created: boolean }> {
    let outcome: { attempt: QuizAttempt; created: boolean; versions?: QuestionVersion[] };
    try {
      const result = await this.tx.run((em) => this.startIn(em, me, quizId));
      // Refused after closing an expired attempt: the closure is committed, the refusal still answers.
      if ('refused' in result) throw result.refused;
      outcome = result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A parallel start of the same officer won the race: resume what it created.
      const open = await this.tx.run((em) => em.findOneBy(QuizAttempt, { userId: me.id, quizId, state: 'open' }));
      if (!open) throw error;
      outcome = { attempt: open, created: false };
    }
    if (outcome.created) this.deadlines.schedule(outcome.attempt.id, outcome.attempt.deadlineAt.getTime() + this.graceMs);
    const paper = outcome.versions ? paperFrom(outcome.attempt, outcome.versions) : await this.paperOf(outcome.attempt);
    return { paper, created: outcome.created };
  }

  private async startIn(
    em: EntityManager,
    me: Principal,
    quizId: string,
  ): Promise<{ attempt: QuizAttempt; created: boolean; versions?: QuestionVersion[] } | { refused: AppError }> {
    if (isPostgres(em)) await em.createQueryBuilder(User, 'u').select('u.id').setLock('pessimistic_write').where('u.id = :id', { id: me.id }).getOne();
    const quiz = await loadQuizFor(em, me, quizId);
    const now = new Date();
    const open = await em.findOneBy(QuizAttempt, { userId: me.id, quizId, state: 'open' });
    if (open && !this.expired(open, now)) return { attempt: open, created: false };
    if (open) await this.finishIn(em, open, quiz, now, 'deadline');
    if (quiz.opensAt && now < quiz.opensAt) return { refused: conflict('QUIZ.NOT_OPEN', '考试尚未开始，请在开放时间内参加') };
    if (quiz.closesAt && now >= quiz.closesAt) return { refused: conflict('QUIZ.CLOSED', '考试已经结束，不能再开始作答') };
    const since = await cycleStart(em, me.id, quiz.courseId, now);
    // Attempts of this cycle, the last attempt number and the trainer's override: one statement.
    const [counts] = await rawRows<{ used: unknown; last: unknown; extraMinutes: unknown; extraAttempts: unknown }>(
      em,
      `SELECT SUM(CASE WHEN a."startedAt" > :since THEN 1 ELSE 0 END) AS "used", MAX(a."number") AS "last",
              (SELECT o."extraMinutes" FROM quiz_overrides o WHERE o."quizId" = :quizId AND o."userId" = :userId) AS "extraMinutes",
              (SELECT o."extraAttempts" FROM quiz_overrides o WHERE o."quizId" = :quizId AND o."userId" = :userId) AS "extraAttempts"
         FROM quiz_attempts a WHERE a."userId" = :userId AND a."quizId" = :quizId`,
      { userId: me.id, quizId, since },
    );
    const override = { extraMinutes: toNumber(counts?.extraMinutes), extraAttempts: toNumber(counts?.extraAttempts) };
    const allowed = quiz.rules.attemptsAllowed + override.extraAttempts;
    if (toNumber(counts?.used) >= allowed) return { refused: conflict('QUIZ.NO_ATTEMPTS_LEFT', `作答次数已用完（共 ${allowed} 次）`) };
    const drawn = drawPaper(await this.cachedPool(em, quiz), quiz.rules.draw);
    if (!drawn) return { refused: conflict('QUIZ.DRAW_FAILED', '题库中的题目不足以按规则组卷，请联系培训管理员') };
    const ordered = quiz.rules.shuffleQuestions ? drawn : [...drawn].sort((a, b) => a.id.localeCompare(b.id));
    // Only the drawn versions' texts are read: the pool query stays light.
    const versions = await em.find(QuestionVersion, { select: { id: true, type: true, stem: true, options: true }, where: { id: In(drawn.map((q) => q.versionId)) } });
    const optionIds = new Map(versions.map((v) => [v.id, v.options.map((o) => o.id)]));
    const limitMs = (quiz.rules.timeLimitMinutes + override.extraMinutes) * 60_000;
    const deadline = quiz.closesAt ? Math.min(now.getTime() + limitMs, quiz.closesAt.getTime()) : now.getTime() + limitMs;
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
        return { q: q.id, v: q.versionId, t: q.type, o: quiz.rules.shuffleOptions && q.type !== 'truefalse' ? shuffle(ids) : ids };
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
  private async cachedPool(em: EntityManager, quiz: Quiz): Promise<Array<PoolQuestion & { versionId: string }>> {
    const [row] = await rawRows<{ hash: string }>(em, `SELECT "treeHash" AS "hash" FROM content_imports WHERE "id" = 'current'`, {});
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

  /** The paper as the officer sees it, in the drawn order with the stored option order. */
  async paperOf(a: QuizAttempt): Promise<AttemptPaper> {
    const versions = await this.em.find(QuestionVersion, { select: { id: true, type: true, stem: true, options: true }, where: { id: In(a.paper.map((p) => p.v)) } });
    return paperFrom(a, versions);
  }

  /** The owner's open attempt as a paper, or null when it is finished (closing it first when it expired). */
  async openPaper(me: Principal, attemptId: string): Promise<AttemptPaper | null> {
    const a = /^[0-9a-f-]{36}$/i.test(attemptId) ? await this.em.findOneBy(QuizAttempt, { id: attemptId }) : null;
    if (!a || a.userId !== me.id) throw notFound('ATTEMPT.NOT_FOUND', '作答记录不存在');
    if (a.state === 'finished') return null;
    if (this.expired(a, new Date())) {
      await this.closeIfExpired(a.id);
      return null;
    }
    return this.paperOf(a);
  }

  /** Autosave: merges the given answers into what is saved. Refused once the attempt is closed. */
  async save(me: Principal, attemptId: string, answers: AnswerDto[]): Promise<{ id: string; savedAt: string; answered: number }> {
    const outcome = await this.tx.run(async (em) => {
      const a = await this.ownAttemptIn(em, me, attemptId);
      const now = new Date();
      if (a.state === 'finished') return { closed: true as const };
      if (this.expired(a, now)) {
        await this.finishIn(em, a, await em.findOneByOrFail(Quiz, { id: a.quizId }), now, 'deadline');
        return { closed: true as const };
      }
      const merged = mergeAnswers(a, answers);
      await em.update(QuizAttempt, { id: a.id, state: 'open' }, { answers: merged, savedAt: now });
      return { closed: false as const, savedAt: now, answered: Object.keys(merged).length };
    });
    if (outcome.closed) throw conflict('ATTEMPT.CLOSED', '本次作答已结束（已交卷或已超时），答案不能再修改');
    return { id: attemptId, savedAt: outcome.savedAt.toISOString(), answered: outcome.answered };
  }

  /**
   * Idempotent: the first submit grades and closes, every later one returns the same result. After
   * the deadline plus grace the answers sent with the submit are ignored: the saved ones are graded.
   */
  async submit(me: Principal, attemptId: string, answers?: AnswerDto[]): Promise<AttemptResult> {
    return this.tx.run(async (em) => {
      const a = await this.ownAttemptIn(em, me, attemptId);
      if (a.state === 'finished') return resultOf(a);
      const quiz = await em.findOneByOrFail(Quiz, { id: a.quizId });
      const now = new Date();
      const late = this.expired(a, now);
      if (answers && !late) a.answers = mergeAnswers(a, answers);
      await this.finishIn(em, a, quiz, now, late ? 'deadline' : 'submit');
      return resultOf(a);
    });
  }

  /** The delayed job and lazy readers: closes the attempt when its deadline (plus grace) has passed. */
  async closeIfExpired(attemptId: string, now = new Date()): Promise<'closed' | 'finished' | 'open' | 'missing'> {
    return this.tx.run(async (em) => {
      const a = await this.lockedAttempt(em, attemptId);
      if (!a) return 'missing';
      if (a.state === 'finished') return 'finished';
      if (!this.expired(a, now)) return 'open';
      await this.finishIn(em, a, await em.findOneByOrFail(Quiz, { id: a.quizId }), now, 'deadline');
      return 'closed';
    });
  }

  private async lockedAttempt(em: EntityManager, attemptId: string): Promise<QuizAttempt | null> {
    if (!/^[0-9a-f-]{36}$/i.test(attemptId)) return null;
    const qb = em.createQueryBuilder(QuizAttempt, 'a').where('a.id = :attemptId', { attemptId });
    if (isPostgres(em)) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  private async ownAttemptIn(em: EntityManager, me: Principal, attemptId: string): Promise<QuizAttempt> {
    const a = await this.lockedAttempt(em, attemptId);
    if (!a || a.userId !== me.id) throw notFound('ATTEMPT.NOT_FOUND', '作答记录不存在');
    return a;
  }

  /**
   * Grades on the versions the attempt was drawn from, closes it, writes `attempt.finished` and, when
   * a course quiz is passed, completes the course: all in the caller's transaction.
   */
  async finishIn(em: EntityManager, a: QuizAttempt, quiz: Quiz, now: Date, closedBy: 'submit' | 'deadline'): Promise<void> {
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
    Object.assign(a, { state: 'finished', openSlot: null, finishedAt: now, closedBy, score, passed, results });
    const update = await em.update(
      QuizAttempt,
      { id: a.id, state: 'open' },
      { state: 'finished', openSlot: null, finishedAt: now, closedBy, score, passed, results, answers: a.answers },
    );
    if (update.affected === 0) throw new AppError(409, 'ATTEMPT.CLOSED', '本次作答已结束');
    await this.outbox.append(em, ATTEMPT_FINISHED, {
      userId: a.userId,
      quizId: quiz.id,
      courseId: quiz.courseId,
      attemptId: a.id,
      score,
      passed,
      finishedAt: now.toISOString(),
      items: a.paper.map((p, i) => ({ questionId: p.q, versionId: p.v, credit: results[i].credit, articles: byId.get(p.v)!.articles, dimension: byId.get(p.v)!.dimension })),
    });
    if (passed && quiz.kind === 'course' && quiz.courseId) await this.completions.completeAfterQuizIn(em, a.userId, quiz.courseId, now);
  }
}

function paperFrom(a: QuizAttempt, versions: QuestionVersion[]): AttemptPaper {
  const byId = new Map(versions.map((v) => [v.id, v]));
  return {
    id: a.id,
    quizId: a.quizId,
    number: a.number,
    state: 'open',
    startedAt: a.startedAt.toISOString(),
    deadlineAt: a.deadlineAt.toISOString(),
    savedAt: a.savedAt ? a.savedAt.toISOString() : null,
    questions: a.paper.map((p) => {
      const v = byId.get(p.v)!;
      const text = new Map(v.options.map((o) => [o.id, o.text]));
      return { id: p.q, type: v.type, stem: v.stem, options: p.o.map((id) => ({ id, text: text.get(id) ?? '' })) };
    }),
    answers: Object.entries(a.answers).map(([questionId, optionIds]) => ({ questionId, optionIds })),
  };
}

export const resultOf = (a: QuizAttempt): AttemptResult => ({ id: a.id, state: 'finished', score: Number(a.score), passed: Boolean(a.passed) });

/** Checks every answer against the attempt's own paper: known question, its options, one option for single/true-false. */
function mergeAnswers(a: QuizAttempt, answers: AnswerDto[]): SavedAnswers {
  const items = new Map(a.paper.map((p) => [p.q, p]));
  const merged: SavedAnswers = { ...a.answers };
  answers.forEach((answer, i) => {
    const item = items.get(answer.questionId);
    if (!item) throw badRequest('ATTEMPT.ANSWER_INVALID', `第 ${i + 1} 个答案的题目不在本次试卷中`, { [`answers.${i}.questionId`]: 'unknown_question' });
    const ids = [...new Set(answer.optionIds)];
    if (ids.some((o) => !item.o.includes(o))) throw badRequest('ATTEMPT.ANSWER_INVALID', `第 ${i + 1} 个答案选了本题没有的选项`, { [`answers.${i}.optionIds`]: 'unknown_option' });
    if (item.t !== 'multiple' && ids.length > 1) throw badRequest('ATTEMPT.ANSWER_INVALID', `第 ${i + 1} 题是单选题，只能选一个选项`, { [`answers.${i}.optionIds`]: 'single_choice' });
    if (ids.length === 0) delete merged[answer.questionId];
    else merged[answer.questionId] = ids.sort();
  });
  return merged;
}
