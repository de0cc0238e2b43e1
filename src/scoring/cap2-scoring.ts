import { toDate, toNumber } from '../completions/raw-sql';
import { CAP2_FORMULA, computeCap2, difficultyOf, firstAnswers, type Cap2Config, type ItemType, type RawAnswer } from './model/cap2/cap2-model';
import { DIMENSIONS } from './model/capability-model';
import type { Cap2Row } from './cap2.sql';

/**
 * From the rows of cap2.sql.ts to the stored rows, with the pure module (model/cap2). Item
 * difficulty: the author's label prior (difficultyOf without calibrated items) — calibration is
 * not part of the run yet (docs/scoring.md).
 */
export interface StoredDimension {
  answers: number;
  correct: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  rated: boolean;
  reason: string | null;
}

const NO_CALIBRATION = new Map<string, { b: number }>();

export function toRawAnswers(rows: ReadonlyArray<Record<string, unknown>>): { answers: RawAnswer[]; labels: Map<string, number> } {
  const labels = new Map<string, number>();
  const answers = rows.map((r) => {
    const itemId = String(r.versionId);
    labels.set(itemId, toNumber(r.difficulty));
    return {
      officerId: String(r.userId),
      dimension: String(r.dimension),
      itemId,
      type: String(r.type) as ItemType,
      options: toNumber(r.options),
      credit: toNumber(r.credit),
      answeredAt: toDate(r.finishedAt)!,
      source: 'quiz' as const,
      finished: true,
      attemptId: String(r.attemptId),
    };
  });
  return { answers, labels };
}

/** Stored rows for the officers of `participation` (one row each, officers without evidence too). */
export function cap2Rows(
  participation: ReadonlyArray<Record<string, unknown>>,
  evidence: ReadonlyArray<Record<string, unknown>>,
  asOf: Date,
  config: Partial<Cap2Config>,
  stamp: { asOf: unknown; computedAt: unknown },
): Cap2Row[] {
  const { answers, labels } = toRawAnswers(evidence);
  const byOfficer = firstAnswers(answers);
  const difficulty = difficultyOf(NO_CALIBRATION, (id) => labels.get(id) ?? 2);
  const nullable = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return participation.map((p) => {
    const userId = String(p.userId);
    const cap = computeCap2(byOfficer.get(userId) ?? new Map(), DIMENSIONS, difficulty, asOf, config);
    const detail: Record<string, StoredDimension> = {};
    const perDimension: Record<string, unknown> = {};
    for (const d of cap.dimensions) {
      detail[d.dimension] = { answers: d.answers, correct: d.correct, value: d.value, lower: d.interval?.lower ?? null, upper: d.interval?.upper ?? null, rated: d.rated, reason: d.reason };
      perDimension[`${d.dimension}Mastery`] = d.value === null ? null : d.value / 100;
      perDimension[`${d.dimension}Weight`] = 0;
      perDimension[`${d.dimension}Count`] = d.answers;
    }
    return {
      userId,
      score: cap.score,
      scoreLower: cap.interval?.lower ?? null,
      scoreUpper: cap.interval?.upper ?? null,
      rated: cap.rated,
      meetsTarget: cap.meetsTarget,
      knowledge: null,
      ...perDimension,
      coursesRequired: toNumber(p.coursesRequired),
      coursesDone: toNumber(p.coursesDone),
      courseRate: nullable(p.courseRate),
      attendancePoints: toNumber(p.attendancePoints),
      attendanceCount: toNumber(p.attendanceCount),
      attendanceRate: nullable(p.attendanceRate),
      hours: toNumber(p.hours),
      dimensionDetail: JSON.stringify(detail),
      formulaVersion: CAP2_FORMULA,
      asOf: stamp.asOf,
      computedAt: stamp.computedAt,
    } as Cap2Row;
  });
}
