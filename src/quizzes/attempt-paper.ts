import { EntityManager, In } from 'typeorm';
import { QuestionVersion } from '../content/entities/question-version.entity';
import type { AnswerDto } from './dto/answers.dto';
import type { QuizAttempt, SavedAnswers } from './entities/quiz-attempt.entity';
import { QuizErrors } from './quizzes.errors';

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

export const isPostgres = (em: EntityManager) => em.connection.options.type === 'postgres';

/** The paper as the officer sees it, in the drawn order with the stored option order. */
export async function loadPaper(em: EntityManager, a: QuizAttempt): Promise<AttemptPaper> {
  const versions = await em.find(QuestionVersion, {
    select: { id: true, type: true, stem: true, options: true },
    where: { id: In(a.paper.map((p) => p.v)) },
  });
  return paperFrom(a, versions);
}

export function paperFrom(a: QuizAttempt, versions: QuestionVersion[]): AttemptPaper {
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
      return {
        id: p.q,
        type: v.type,
        stem: v.stem,
        options: p.o.map((id) => ({ id, text: text.get(id) ?? '' })),
      };
    }),
    answers: Object.entries(a.answers).map(([questionId, optionIds]) => ({ questionId, optionIds })),
  };
}

export const resultOf = (a: QuizAttempt): AttemptResult => ({
  id: a.id,
  state: 'finished',
  score: Number(a.score),
  passed: Boolean(a.passed),
});

/** Checks every answer against the attempt's own paper: known question, its options, one option for single/true-false. */
export function mergeAnswers(a: QuizAttempt, answers: AnswerDto[]): SavedAnswers {
  const items = new Map(a.paper.map((p) => [p.q, p]));
  const merged: SavedAnswers = { ...a.answers };
  answers.forEach((answer, i) => {
    const item = items.get(answer.questionId);
    if (!item) throw QuizErrors.answerQuestionNotInPaper(i + 1, i);
    const ids = [...new Set(answer.optionIds)];
    if (ids.some((o) => !item.o.includes(o))) throw QuizErrors.answerOptionNotInQuestion(i + 1, i);
    if (item.t !== 'multiple' && ids.length > 1) throw QuizErrors.answerSingleChoice(i + 1, i);
    if (ids.length === 0) delete merged[answer.questionId];
    else merged[answer.questionId] = ids.sort();
  });
  return merged;
}
