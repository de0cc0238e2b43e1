import { DIMENSION_LABELS } from '../content/dimensions';
import { toDate, toNumber } from '../database/sql/raw-sql';
import { CAP2_DEFAULTS } from './model/cap2/cap2-model';
import { DIMENSIONS, type DimensionCode } from './model/capability-model';
import type { StoredDimension } from './cap2-scoring';

/** GET /api/users/:id/capability and the capability pages: a stored cap-2 row, null meaning 未评定. */
export interface Interval {
  lower: number;
  upper: number;
}
export interface DimensionView {
  code: DimensionCode;
  label: string;
  /** 0–100, null when 未评定 */
  value: number | null;
  interval: Interval | null;
  answers: number;
  correct: number;
  rated: boolean;
  reason: 'too_few_answers' | 'too_uncertain' | null;
  /** Plain words for the page: why 未评定. */
  reasonText: string | null;
}
export interface CapabilityView {
  userId: string;
  score: number | null;
  rated: boolean;
  interval: Interval | null;
  meetsTarget: boolean;
  /** The 能力达标 rule, as the page states it. */
  rule: string;
  dimensions: DimensionView[];
  participation: {
    attendanceRate: number | null;
    courseRate: number | null;
    hours: number;
    /** Which 学时 `hours` sums: every credit entry up to computedAt, no period (docs/scoring.md). */
    hoursWindow: { from: null; until: 'computedAt'; label: string };
    coursesRequired: number;
    coursesDone: number;
    sessions: number;
  };
  formula: string;
  formulaVersion: string;
  computedAt: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const nullable = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown) => v === true || Number(v) === 1;
const interval = (lower: unknown, upper: unknown): Interval | null =>
  lower === null || lower === undefined || upper === null || upper === undefined
    ? null
    : { lower: round1(Number(lower)), upper: round1(Number(upper)) };

export const TARGET_RULE = `能力达标：总分 80% 区间的下限不低于 ${CAP2_DEFAULTS.passMark} 分，且每个已评定维度不低于 ${CAP2_DEFAULTS.dimensionFloor} 分；至少 ${CAP2_DEFAULTS.minRatedDimensions} 个维度已评定才有总分。`;

export function reasonText(reason: string | null, answers: number, minAnswers: number): string | null {
  if (reason === 'too_few_answers') return `作答 ${answers} 题，不足 ${minAnswers} 题，未评定`;
  if (reason === 'too_uncertain') {
    return `答题结果还不够确定（80% 区间宽于 ${CAP2_DEFAULTS.maxIntervalWidth} 分），未评定`;
  }
  return null;
}

export function toView(r: Record<string, unknown>, minAnswers: number): CapabilityView {
  const detail = (r.dimensionDetail ? JSON.parse(String(r.dimensionDetail)) : {}) as Record<
    string,
    StoredDimension
  >;
  const score = nullable(r.score);
  return {
    userId: String(r.userId),
    score: score === null ? null : round1(score),
    rated: bool(r.rated),
    interval: score === null ? null : interval(r.scoreLower, r.scoreUpper),
    meetsTarget: bool(r.meetsTarget),
    rule: TARGET_RULE,
    dimensions: DIMENSIONS.map((code) => {
      const d = detail[code] ?? {
        answers: toNumber(r[`${code}Count`]),
        correct: 0,
        value: null,
        lower: null,
        upper: null,
        rated: false,
        reason: 'too_few_answers',
      };
      return {
        code,
        label: DIMENSION_LABELS[code],
        value: d.value === null ? null : round1(d.value),
        interval: d.rated ? interval(d.lower, d.upper) : null,
        answers: d.answers,
        correct: d.correct,
        rated: d.rated,
        reason: d.reason as DimensionView['reason'],
        reasonText: reasonText(d.reason, d.answers, minAnswers),
      };
    }),
    participation: {
      attendanceRate: nullable(r.attendanceRate),
      courseRate: nullable(r.courseRate),
      hours: Math.round(toNumber(r.hours) * 100) / 100,
      hoursWindow: {
        from: null,
        until: 'computedAt',
        label: '累计学时（全部记录，截至计算时）',
      },
      coursesRequired: toNumber(r.coursesRequired),
      coursesDone: toNumber(r.coursesDone),
      sessions: toNumber(r.attendanceCount),
    },
    formula: String(r.formulaVersion),
    formulaVersion: String(r.formulaVersion),
    computedAt: toDate(r.computedAt)!.toISOString(),
  };
}
