import type { GradingMethod } from '../content/quiz/quiz-definition';
import type { QuestionType } from '../content/entities/question.entity';

/**
 * Credit for one answer, 0..1. Single and true/false: right or wrong. Multiple: all-or-nothing
 * (exactly the keyed set), or with partial credit each keyed option chosen adds 1/k and each wrong
 * option chosen takes 1/k away (k = number of keyed options), never below 0, so ticking everything
 * earns nothing.
 */
export function creditFor(
  type: QuestionType,
  key: string[],
  chosen: string[] | undefined,
  partialCredit: boolean,
): number {
  const picked = new Set(chosen ?? []);
  const keyed = new Set(key);
  const exact = picked.size === keyed.size && [...picked].every((o) => keyed.has(o));
  if (exact) return 1;
  if (type !== 'multiple' || !partialCredit) return 0;
  let right = 0;
  let wrong = 0;
  for (const o of picked) {
    if (keyed.has(o)) right++;
    else wrong++;
  }
  return Math.max(0, (right - wrong) / keyed.size);
}

/** Score 0-100 with two decimals. */
export function scoreOf(credits: number[]): number {
  if (credits.length === 0) return 0;
  const sum = credits.reduce((a, b) => a + b, 0);
  return Math.round((sum / credits.length) * 10000) / 100;
}

/** The quiz grade from finished attempts' scores in the order they were started; null before any. */
export function quizGrade(method: GradingMethod, scoresInOrder: number[]): number | null {
  if (scoresInOrder.length === 0) return null;
  switch (method) {
    case 'first':
      return scoresInOrder[0];
    case 'last':
      return scoresInOrder[scoresInOrder.length - 1];
    case 'average':
      return Math.round((scoresInOrder.reduce((a, b) => a + b, 0) / scoresInOrder.length) * 100) / 100;
    default:
      return Math.max(...scoresInOrder);
  }
}
