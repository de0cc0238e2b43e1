import { toNumber } from '../database/sql/raw-sql';
import { CAP2_FORMULA, labelMean, type Cap2Config, type ItemType } from './model/cap2/cap2-model';
import { estimateGrouped, LikelihoodCache, type AnswerGroup } from './model/cap2/grouped';
import { DIMENSIONS } from './model/capability-model';
import type { Cap2Row } from './cap2.sql';

/**
 * From the rows of cap2.sql.ts to the stored rows, with the pure module (model/cap2). Item
 * difficulty b: the calibrated value stored by the last full run (item_calibrations), or the
 * author's label prior (labelMean) for an item not calibrated yet (docs/scoring.md).
 */
export interface StoredDimension {
  answers: number;
  correct: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  rated: boolean;
  reason: string | null;
  /** the ability estimate θ̂ in logits, rated or not: the calibration's input (null without answers) */
  theta: number | null;
}

const DAYS_PER_YEAR = 365.25;

export interface ItemInfo {
  type: ItemType;
  options: number;
  label: number;
  /** b used for scoring: calibrated, else the label's prior mean */
  b: number;
}

/** itemsSql rows → item id → type, options, label and b. */
export function toItems(rows: ReadonlyArray<Record<string, unknown>>): Map<string, ItemInfo> {
  const out = new Map<string, ItemInfo>();
  for (const r of rows) {
    const label = toNumber(r.difficulty);
    const calibrated = r.b === null || r.b === undefined ? null : toNumber(r.b);
    out.set(String(r.id), {
      type: String(r.type) as ItemType,
      options: toNumber(r.options),
      label,
      b: calibrated ?? labelMean(label),
    });
  }
  return out;
}

/**
 * firstAnswersSql rows → answer groups per officer: answers to items of one (dimension, type,
 * options, b, right/wrong) multiply the posterior by the same factor, so each group is one power
 * (model/cap2/grouped.ts). Within a dimension the answers are taken in item-id order, whatever
 * order SQL gave, so the product's last digits never depend on the plan (dimensions are estimated
 * one by one, so the order of rows does not matter). A group carries its share of the dimension's Σ age.
 */
export function toGroups(
  rows: ReadonlyArray<Record<string, unknown>>,
  items: ReadonlyMap<string, ItemInfo>,
): Map<string, AnswerGroup[]> {
  const out = new Map<string, AnswerGroup[]>();
  for (const r of rows) {
    const userId = String(r.userId);
    let list = out.get(userId);
    if (!list) out.set(userId, (list = []));
    const dimension = String(r.dimension);
    const meanAge = Math.max(0, toNumber(r.ageDays)) / Math.max(1, toNumber(r.n)) / DAYS_PER_YEAR;
    const index = new Map<string, AnswerGroup>();
    for (const token of String(r.answers ?? '')
      .split(',')
      .sort()) {
      const item = items.get(token.slice(1));
      if (!item) continue; // a version without its row cannot be graded on the model
      const correct = token[0] === '+';
      const key = `${item.type}|${item.options}|${item.b}|${correct ? 1 : 0}`;
      let grp = index.get(key);
      if (!grp) {
        grp = { dimension, type: item.type, options: item.options, b: item.b, correct, n: 0, ageSum: 0 };
        index.set(key, grp);
        list.push(grp);
      }
      grp.n++;
      grp.ageSum += meanAge;
    }
  }
  return out;
}

/** Stored rows for the officers of `participation` (one row each, officers without evidence too). */
export function cap2Rows(
  participation: ReadonlyArray<Record<string, unknown>>,
  answers: ReadonlyArray<Record<string, unknown>>,
  items: ReadonlyMap<string, ItemInfo>,
  config: Partial<Cap2Config>,
  stamp: { asOf: unknown; computedAt: unknown },
): Cap2Row[] {
  const byOfficer = toGroups(answers, items);
  const cache = new LikelihoodCache();
  const nullable = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return participation.map((p) => {
    const userId = String(p.userId);
    const cap = estimateGrouped(DIMENSIONS, byOfficer.get(userId) ?? [], config, cache);
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
        theta: d.answers > 0 ? d.theta.mean : null,
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
