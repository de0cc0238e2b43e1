import type { GradedAnswer, ItemType } from './cap2-model';

// The first-answer filter: which answers are evidence at all.

export interface RawAnswer {
  officerId: string;
  dimension: string;
  /** The question version answered: the item. */
  itemId: string;
  type: ItemType;
  options: number;
  /** 0..1; only full credit (1) is "correct" (a partly right multiple choice is not). */
  credit: number;
  answeredAt: Date;
  source: 'quiz' | 'practice';
  /** Answers of unfinished attempts are not evidence. */
  finished: boolean;
  /** Tie-break when two answers share a timestamp (e.g. the attempt id). */
  attemptId?: string;
}

/**
 * Evidence = only each officer's FIRST answer to a question version, from finished quiz attempts;
 * practice never counts. A retake of the same paper therefore adds nothing; a new version counts.
 * Returns officer → dimension → answers, in answer order.
 */
export function firstAnswers(raw: readonly RawAnswer[]): Map<string, Map<string, GradedAnswer[]>> {
  const eligible = raw
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.source === 'quiz' && a.finished)
    .sort(
      (x, y) =>
        x.a.answeredAt.getTime() - y.a.answeredAt.getTime() ||
        (x.a.attemptId ?? '').localeCompare(y.a.attemptId ?? '') ||
        x.i - y.i,
    );
  const seen = new Set<string>();
  const out = new Map<string, Map<string, GradedAnswer[]>>();
  for (const { a } of eligible) {
    const key = `${a.officerId}\u0000${a.itemId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let dims = out.get(a.officerId);
    if (!dims) out.set(a.officerId, (dims = new Map()));
    let list = dims.get(a.dimension);
    if (!list) dims.set(a.dimension, (list = []));
    list.push({
      itemId: a.itemId,
      type: a.type,
      options: a.options,
      correct: a.credit >= 1,
      answeredAt: a.answeredAt,
    });
  }
  return out;
}
