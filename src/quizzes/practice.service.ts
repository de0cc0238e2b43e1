import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { OncePerInterval } from '../auth/once-per-interval';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { rawRows } from '../database/sql/raw-sql';
import { DIMENSION_LABELS, type Dimension } from '../content/dimensions';
import { QuestionVersion } from '../content/entities/question-version.entity';
import { Question } from '../content/entities/question.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { articleLink } from './article-link';
import { PracticeHandout } from './entities/practice-handout.entity';
import { PracticeItem } from './entities/practice-item.entity';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { creditFor } from './grading';
import { QuizErrors } from './quizzes.errors';

export interface PracticeFilter {
  article?: number;
  dimension?: Dimension;
  mistakes?: boolean;
}

/** Right answers in a row that take a question out of the 错题本. */
export const RIGHT_IN_A_ROW = 2;

/** Why practice will not answer a question (and so not show its key): stable codes, plain Chinese. */
const REFUSALS = {
  'PRACTICE.QUESTION_IN_OPEN_ATTEMPT': '这道题在您正在作答的测验中，交卷后才能在练习中作答',
  'PRACTICE.QUESTION_NOT_HANDED_OUT': '这道题不是练习为您抽出的题目（或题目已更新），请在练习页重新抽题',
} as const;
type Refusal = keyof typeof REFUSALS;

/**
 * Practice, not graded for certification: a random current question by article, dimension or from
 * the officer's 错题本; the answer is checked at once and shown with its explanation. A wrong answer
 * puts the question in the 错题本 until it is answered right twice in a row.
 */
@Injectable()
export class PracticeService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** One audit row per officer and reason a minute: a flood of refused answers must not become a flood of writes. */
  private readonly refusalAudit = new OncePerInterval(60_000);

  /**
   * One random question matching the filter (no key), or null when none does. Never one of the
   * officer's open attempt; the draw is recorded, as only drawn questions may be answered.
   */
  async next(me: Principal, filter: PracticeFilter, notId?: string) {
    const blocked = await this.blockedQuestionIds(this.em, me.id);
    const ids = (await this.candidates(me, filter)).filter((id) => !blocked.has(id));
    const pool = ids.length > 1 && notId ? ids.filter((id) => id !== notId) : ids;
    if (pool.length === 0) return null;
    const id = pool[Math.floor(Math.random() * pool.length)];
    const q = await this.em.findOneByOrFail(Question, { id });
    const v = await this.em.findOneByOrFail(QuestionVersion, { id: q.currentVersionId });
    await this.tx.run((em) =>
      em.upsert(
        PracticeHandout,
        { userId: me.id, questionId: id, versionId: v.id, handedOutAt: new Date() },
        ['userId', 'questionId'],
      ),
    );
    const item = await this.em.findOneBy(PracticeItem, { userId: me.id, questionId: id });
    return {
      id,
      type: v.type,
      stem: v.stem,
      options: v.options,
      dimension: v.dimension,
      dimensionLabel: DIMENSION_LABELS[v.dimension] ?? v.dimension,
      inMistakeBook: item?.inMistakeBook ?? false,
      streak: item?.streak ?? 0,
      remaining: pool.length,
    };
  }

  private async candidates(me: Principal, filter: PracticeFilter): Promise<string[]> {
    const live = `q."retiredAt" IS NULL AND EXISTS (SELECT 1 FROM courses c WHERE c."id" = q."courseId" AND c."retiredAt" IS NULL)`;
    let sql: string;
    if (filter.mistakes) {
      sql = `SELECT q."id" FROM practice_items p JOIN questions q ON q."id" = p."questionId" WHERE p."userId" = :userId AND p."inMistakeBook" = :yes AND ${live}`;
    } else if (filter.article) {
      sql = `SELECT q."id" FROM content_citations cc JOIN questions q ON q."id" = cc."itemId" WHERE cc."kind" = 'question' AND cc."articleNo" = :article AND ${live}`;
    } else if (filter.dimension) {
      sql = `SELECT q."id" FROM questions q WHERE q."dimension" = :dimension AND ${live}`;
    } else {
      sql = `SELECT q."id" FROM questions q WHERE ${live}`;
    }
    const rows = await rawRows<{ id: string }>(this.em, sql, {
      userId: me.id,
      yes: true,
      article: filter.article,
      dimension: filter.dimension,
    });
    return rows.map((r) => r.id);
  }

  /**
   * Questions practice must not hand out or answer for this officer: those of the officer's open
   * quiz attempts and their near-duplicates (same course and family). The one place that decides
   * it: an exam-pool rule joins here.
   */
  private async blockedQuestionIds(em: EntityManager, userId: string): Promise<Set<string>> {
    const open = await em.find(QuizAttempt, {
      select: { id: true, paper: true },
      where: { userId, state: 'open' },
    });
    const ids = new Set(open.flatMap((a) => a.paper.map((p) => p.q)));
    if (ids.size === 0) return ids;
    const siblings = await rawRows<{ id: string }>(
      em,
      `SELECT s."id" FROM questions s JOIN questions o ON o."courseId" = s."courseId" AND o."family" = s."family" WHERE o."id" IN (:...ids) AND s."id" NOT IN (:...ids)`,
      { ids: [...ids] },
    );
    for (const r of siblings) ids.add(r.id);
    return ids;
  }

  /** Why this officer may not answer this question (version `versionId`) in practice now, or null. */
  private async refusalFor(
    em: EntityManager,
    me: Principal,
    questionId: string,
    versionId: string,
  ): Promise<Refusal | null> {
    if ((await this.blockedQuestionIds(em, me.id)).has(questionId)) {
      return 'PRACTICE.QUESTION_IN_OPEN_ATTEMPT';
    }
    const handout = await em.findOneBy(PracticeHandout, { userId: me.id, questionId });
    if (!handout || handout.versionId !== versionId) return 'PRACTICE.QUESTION_NOT_HANDED_OUT';
    return null;
  }

  /**
   * Checks the answer on the current version and updates the officer's record in one transaction.
   * Only a question practice handed to this officer, and none of an open attempt: otherwise the
   * key shown here would be an exam's key before submission. A refusal is audit-logged.
   */
  async answer(me: Principal, questionId: string, optionIds: string[], ip: string | null = null) {
    const outcome = await this.tx.run(async (em) => {
      const q = await em.findOneBy(Question, { id: questionId, retiredAt: IsNull() });
      if (!q) throw QuizErrors.questionNotFound();
      const refusal = await this.refusalFor(em, me, questionId, q.currentVersionId);
      if (refusal) return { refusal };
      const v = await em.findOneByOrFail(QuestionVersion, { id: q.currentVersionId });
      const chosen = [...new Set(optionIds)];
      if (chosen.some((o) => !v.options.some((x) => x.id === o))) {
        throw QuizErrors.practiceOptionNotInQuestion();
      }
      if (v.type !== 'multiple' && chosen.length > 1) throw QuizErrors.practiceSingleChoice();
      const correct = creditFor(v.type, v.answer, chosen, false) === 1;
      const now = new Date();
      const before = await em.findOneBy(PracticeItem, { userId: me.id, questionId });
      const streak = correct ? (before?.streak ?? 0) + 1 : 0;
      const inMistakeBook = correct ? (before?.inMistakeBook ?? false) && streak < RIGHT_IN_A_ROW : true;
      const row = {
        userId: me.id,
        questionId,
        wrongCount: (before?.wrongCount ?? 0) + (correct ? 0 : 1),
        rightCount: (before?.rightCount ?? 0) + (correct ? 1 : 0),
        streak,
        inMistakeBook,
        lastAnsweredAt: now,
      };
      if (before) await em.update(PracticeItem, { userId: me.id, questionId }, row);
      else await em.insert(PracticeItem, row);
      return {
        refusal: null,
        questionId,
        correct,
        chosenOptionIds: chosen,
        correctOptionIds: v.answer,
        explanation: v.explanation,
        articles: v.articles.map(articleLink),
        inMistakeBook,
        streak,
        leftMistakeBook: Boolean(before?.inMistakeBook) && !inMistakeBook,
        stem: v.stem,
        type: v.type,
        options: v.options.map((o) => ({
          ...o,
          chosen: chosen.includes(o.id),
          correct: v.answer.includes(o.id),
        })),
      };
    });
    if (outcome.refusal === null) {
      const { refusal: _none, ...result } = outcome;
      return result;
    }
    const code = outcome.refusal;
    if (this.refusalAudit.firstIn(`${me.id}|${code}`)) {
      await this.audit.record(
        { id: me.id, username: me.username, ip },
        {
          action: 'practice.answer.refused',
          entityType: 'question',
          entityId: questionId,
          after: { reason: code },
        },
      );
    }
    throw new AppError(403, code, REFUSALS[code]);
  }

  /** The officer's 错题本, most recently answered first. */
  async mistakes(me: Principal) {
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT p."questionId", p."wrongCount", p."streak", v."stem", v."dimension", v."articles"
         FROM practice_items p JOIN questions q ON q."id" = p."questionId" JOIN question_versions v ON v."id" = q."currentVersionId"
        WHERE p."userId" = :userId AND p."inMistakeBook" = :yes AND q."retiredAt" IS NULL ORDER BY p."lastAnsweredAt" DESC LIMIT 200`,
      { userId: me.id, yes: true },
    );
    const items = rows.map((r) => ({
      questionId: String(r.questionId),
      stem: String(r.stem),
      dimension: String(r.dimension),
      dimensionLabel: DIMENSION_LABELS[r.dimension as Dimension] ?? String(r.dimension),
      articles: (JSON.parse(String(r.articles)) as number[]).map(articleLink),
      wrongCount: Number(r.wrongCount),
      streak: Number(r.streak),
      toGo: RIGHT_IN_A_ROW - Number(r.streak),
    }));
    return { items, total: items.length };
  }
}
