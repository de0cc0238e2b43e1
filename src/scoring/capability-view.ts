import { toChineseNumber } from '../common/text/chinese-numerals';
import { DIMENSION_LABELS } from '../content/dimensions';
import { toDate, toNumber } from '../database/sql/raw-sql';
import { CAP2_DEFAULTS } from './model/cap2/cap2-model';
import { DIMENSIONS, type DimensionCode } from './model/capability-model';
import type { StoredDimension } from './cap2-scoring';
import { targetRuleText, type TargetRule } from './target-rule';
import type { WeakArticle } from './weak-articles.sql';

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
  /** Articles whose first answers in this dimension were most often wrong (numbers and counts only). */
  weakArticles: WeakArticle[];
}
export interface CapabilityView {
  userId: string;
  score: number | null;
  rated: boolean;
  interval: Interval | null;
  meetsTarget: boolean;
  /** The 能力达标 rule, as the page states it, with the configured numbers. */
  rule: string;
  targetRule: TargetRule;
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

export function reasonText(reason: string | null, answers: number, minAnswers: number): string | null {
  if (reason === 'too_few_answers') {
    const more = minAnswers - answers;
    // CAPABILITY_MIN_ANSWERS lowered since this row was scored: enough now, rated at the next scoring
    if (more <= 0) return `已计入 ${answers} 题，题数已够，下次计算后评定`;
    return `已计入 ${answers} 题，还需 ${more} 道题才能评定（至少 ${minAnswers} 题）`;
  }
  if (reason === 'too_uncertain') {
    return `答题结果还不够确定（80% 区间宽于 ${CAP2_DEFAULTS.maxIntervalWidth} 分），未评定`;
  }
  return null;
}

export interface ViewOptions {
  minAnswers: number;
  rule: TargetRule;
  /** weakArticlesByDimension of the row's evidence (none: no article list) */
  weakArticles?: ReadonlyMap<string, WeakArticle[]>;
}

export function toView(r: Record<string, unknown>, o: ViewOptions): CapabilityView {
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
    rule: targetRuleText(o.rule),
    targetRule: o.rule,
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
        reasonText: reasonText(d.reason, d.answers, o.minAnswers),
        weakArticles: o.weakArticles?.get(code) ?? [],
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

/** A weak article as the pages link it: 「第二十二条 错 3/4」 (the API keeps number and counts only). */
export function weakArticleLinks(list: readonly WeakArticle[], href: (article: number) => string) {
  return list.map((a) => ({
    ...a,
    label: articleNoLabel(a.article),
    href: href(a.article),
    text: `错 ${a.wrong}/${a.answered}`,
  }));
}
const articleNoLabel = (n: number) => `第${toChineseNumber(n)}条`;
