import { EntityManager } from 'typeorm';
import { lastExpiredAtSql } from '../completions/progress-sql';
import { rawRows, toDate } from '../database/sql/raw-sql';
import type { QuizRules } from '../content/quiz/quiz-definition';
import { quizGrade } from './grading';

/**
 * The current validity cycle of a course quiz starts when the officer's last completion of the course
 * expired (recertification starts afresh); an exam has one cycle. Attempts and the grade count from there.
 */
export async function cycleStart(
  em: EntityManager,
  userId: string,
  courseId: string | null,
  now: Date,
): Promise<Date> {
  if (!courseId) return new Date(0);
  const [row] = await rawRows<{ at: unknown }>(
    em,
    `SELECT ${lastExpiredAtSql(':userId', ':courseId')} AS "at"`,
    { userId, courseId, now },
  );
  return toDate(row?.at) ?? new Date(0);
}

export interface CycleGrade {
  grade: number | null;
  passed: boolean;
  finished: number;
}

/** The grade of the officer's finished attempts of this cycle under the quiz's grading method (served by uq_quiz_attempts_number). */
export async function cycleGrade(
  em: EntityManager,
  userId: string,
  quiz: { id: string; courseId: string | null; rules: QuizRules },
  now: Date,
): Promise<CycleGrade> {
  const since = await cycleStart(em, userId, quiz.courseId, now);
  const rows = await rawRows<{ score: unknown }>(
    em,
    `SELECT a."score" FROM quiz_attempts a WHERE a."userId" = :userId AND a."quizId" = :quizId AND a."state" = 'finished' AND a."startedAt" > :since ORDER BY a."number"`,
    { userId, quizId: quiz.id, since },
  );
  const grade = quizGrade(
    quiz.rules.grading,
    rows.map((r) => Number(r.score)),
  );
  return { grade, passed: grade !== null && grade >= quiz.rules.passMark, finished: rows.length };
}
