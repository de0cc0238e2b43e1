import {
  ageFactor,
  CAP2_DEFAULTS,
  CAP2_FORMULA,
  informative,
  meanAgeYears,
  posterior,
  toScore,
  Z80,
  type Cap2Config,
  type DifficultyOf,
  type GradedAnswer,
  type Posterior,
} from './cap2-model';

/**
 * cap-2 from posteriors to results: a dimension's value, interval and 未评定 reason, and the overall
 * score with its 达标 rule (docs/scoring.md, "The score model: cap-2"). Pure functions, no I/O.
 */

export type UnratedReason = 'too_few_answers' | 'too_uncertain';

export interface DimensionResult {
  dimension: string;
  answers: number;
  correct: number;
  /** 0–100, null when 未评定 */
  value: number | null;
  interval: { lower: number; upper: number } | null;
  rated: boolean;
  reason: UnratedReason | null;
  /** Logit-scale diagnostics, also when unrated (for the breakdown and the tests). */
  theta: { mean: number; sd: number; lower: number; upper: number; ageYears: number };
}

export function estimateDimension(
  dimension: string,
  answers: readonly GradedAnswer[],
  difficulty: DifficultyOf,
  asOf: Date,
  config: Partial<Cap2Config> = {},
): DimensionResult {
  const cfg = { ...CAP2_DEFAULTS, ...config };
  // evidence up to asOf only; items a guesser cannot miss are not evidence
  const counted = answers.filter((a) => a.answeredAt.getTime() <= asOf.getTime() && informative(a));
  const correct = counted.filter((a) => a.correct).length;
  return dimensionResult(
    dimension,
    posterior(counted, difficulty, cfg),
    counted.length,
    correct,
    meanAgeYears(counted, asOf),
    cfg,
  );
}

/** A dimension's result from its posterior and counts (shared by the per-answer and the grouped path). */
export function dimensionResult(
  dimension: string,
  post: Posterior,
  answers: number,
  correct: number,
  ageYears: number,
  config: Partial<Cap2Config> = {},
): DimensionResult {
  const cfg = { ...CAP2_DEFAULTS, ...config };
  const f = answers > 0 ? ageFactor(post.sd, ageYears, cfg.driftVariancePerYear) : 1;
  const lower = post.mean - f * (post.mean - post.q10);
  const upper = post.mean + f * (post.q90 - post.mean);
  const interval = { lower: toScore(lower), upper: toScore(upper) };
  const reason: UnratedReason | null =
    answers < cfg.minAnswers
      ? 'too_few_answers'
      : interval.upper - interval.lower > cfg.maxIntervalWidth
        ? 'too_uncertain'
        : null;
  const rated = reason === null;
  return {
    dimension,
    answers,
    correct,
    value: rated ? toScore(post.mean) : null,
    interval: rated ? interval : null,
    rated,
    reason,
    theta: { mean: post.mean, sd: post.sd, lower, upper, ageYears },
  };
}

export interface OfficerCapability {
  formula: typeof CAP2_FORMULA;
  dimensions: DimensionResult[];
  /** mean of the rated dimension values; null unless ≥ minRatedDimensions are rated */
  score: number | null;
  interval: { lower: number; upper: number } | null;
  rated: boolean;
  /** 能力达标 */
  meetsTarget: boolean;
  reason: 'too_few_rated_dimensions' | null;
}

/**
 * Overall = mean of the rated dimensions' values. Its interval: each dimension's 80 % interval read
 * as ±Z80·s_d on the 0–100 scale (s_d = width / (2·Z80)), dimensions independent given the
 * abilities → s = √Σ s_d² / m, interval = score ± Z80·s, clipped to 0–100.
 */
export function combine(dimensions: DimensionResult[], config: Partial<Cap2Config> = {}): OfficerCapability {
  const cfg = { ...CAP2_DEFAULTS, ...config };
  const rated = dimensions.filter((d) => d.rated);
  if (rated.length < cfg.minRatedDimensions) {
    return {
      formula: CAP2_FORMULA,
      dimensions,
      score: null,
      interval: null,
      rated: false,
      meetsTarget: false,
      reason: 'too_few_rated_dimensions',
    };
  }
  const m = rated.length;
  const score = rated.reduce((s, d) => s + (d.value as number), 0) / m;
  const varSum = rated.reduce((s, d) => s + ((d.interval!.upper - d.interval!.lower) / (2 * Z80)) ** 2, 0);
  const half = (Z80 * Math.sqrt(varSum)) / m;
  const interval = { lower: Math.max(0, score - half), upper: Math.min(100, score + half) };
  const meetsTarget =
    interval.lower >= cfg.passMark && rated.every((d) => (d.value as number) >= cfg.dimensionFloor);
  return { formula: CAP2_FORMULA, dimensions, score, interval, rated: true, meetsTarget, reason: null };
}

/** One officer: answers per dimension (already first-answer filtered) → cap-2 capability. */
export function computeCap2(
  byDimension: ReadonlyMap<string, readonly GradedAnswer[]>,
  dimensions: readonly string[],
  difficulty: DifficultyOf,
  asOf: Date,
  config: Partial<Cap2Config> = {},
): OfficerCapability {
  return combine(
    dimensions.map((d) => estimateDimension(d, byDimension.get(d) ?? [], difficulty, asOf, config)),
    config,
  );
}
