import { toNumber } from '../database/sql/raw-sql';
import { CAP2_FORMULA, labelMean, type Cap2Config, type ItemType } from './model/cap2/cap2-model';
import { estimateGrouped, type AnswerGroup } from './model/cap2/grouped';
import { DIMENSIONS } from './model/capability-model';
import type { Cap2Row } from './cap2.sql';

/**
 * From the rows of cap2.sql.ts to the stored rows, with the pure module (model/cap2). Item
 * difficulty: the author's label prior (labelMean) — calibration is not part of the run yet
 * (docs/scoring.md).
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

const DAYS_PER_YEAR = 365.25;

/** evidenceGroupsSql rows → answer groups per officer. */
export function toGroups(rows: ReadonlyArray<Record<string, unknown>>): Map<string, AnswerGroup[]> {
  const out = new Map<string, AnswerGroup[]>();
  for (const r of rows) {
    const userId = String(r.userId);
    let list = out.get(userId);
    if (!list) out.set(userId, (list = []));
    list.push({
      dimension: String(r.dimension),
      type: String(r.type) as ItemType,
      options: toNumber(r.options),
      b: labelMean(toNumber(r.difficulty)),
      correct: toNumber(r.correct) === 1,
      n: toNumber(r.n),
      ageSum: Math.max(0, toNumber(r.ageDays)) / DAYS_PER_YEAR,
    });
  }
  return out;
}

/** Stored rows for the officers of `participation` (one row each, officers without evidence too). */
export function cap2Rows(
  participation: ReadonlyArray<Record<string, unknown>>,
  groups: ReadonlyArray<Record<string, unknown>>,
  config: Partial<Cap2Config>,
  stamp: { asOf: unknown; computedAt: unknown },
): Cap2Row[] {
  const byOfficer = toGroups(groups);
  const nullable = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return participation.map((p) => {
    const userId = String(p.userId);
    const cap = estimateGrouped(DIMENSIONS, byOfficer.get(userId) ?? [], config);
    const detail: Record<string, StoredDimension> = {};
    const perDimension: Record<string, unknown> = {};
    for (const d of cap.dimensions) {
      detail[d.dimension] = {
        answers: d.answers,
        correct: d.correct,
        value: d.value,
        lower: d.interval?.lower ?? null,
        upper: d.interval?.upper ?? null,
        rated: d.rated,
        reason: d.reason,
      };
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
