/**
 * Capability model cap-2, as pure functions (no I/O): the model of every stored score (run by
 * ../../cap2-scoring.ts). docs/scoring.md, "The score model: cap-2", explains every formula and
 * constant below.
 *
 * Item response: P(correct | θ, b) = c + (1 − c)·σ(θ − b), a Rasch (1PL) model with a fixed
 * guessing floor c per item type. Ability per dimension: posterior mean (EAP) on a fixed grid
 * under a normal prior; 80 % interval from the posterior quantiles, widened by the age of the
 * evidence; 0–100 by 100·σ(θ). The dimension results, the overall score and 达标 are in ./overall.ts.
 */
export const CAP2_FORMULA = 'cap-2';

export type ItemType = 'single' | 'multiple' | 'truefalse';

export interface Cap2Config {
  /** Fewer counted answers than this → 未评定 (too_few_answers). CAPABILITY_MIN_ANSWERS. */
  minAnswers: number;
  /** An 80 % interval wider than this (points on 0–100) → 未评定 (too_uncertain). */
  maxIntervalWidth: number;
  /** 能力达标 needs the overall interval's lower bound ≥ passMark … */
  passMark: number;
  /** … and no rated dimension's value below this. */
  dimensionFloor: number;
  /** The overall score needs at least this many rated dimensions. */
  minRatedDimensions: number;
  /** Prior on θ: N(priorMean, priorSd²) (logits). */
  priorMean: number;
  priorSd: number;
  /** Ability drifts as a random walk: variance added per year of evidence age (logits²). */
  driftVariancePerYear: number;
}

export const CAP2_DEFAULTS: Cap2Config = {
  minAnswers: 5,
  maxIntervalWidth: 40,
  passMark: 60,
  dimensionFloor: 50,
  minRatedDimensions: 3,
  priorMean: 0,
  priorSd: 1.5,
  driftVariancePerYear: 0.1,
};

/** z of the 90th percentile of N(0,1): an 80 % two-sided interval is ±1.2816 SD. */
export const Z80 = 1.2815515655446004;
const YEAR_MS = 365.25 * 86_400_000;

/** Prior mean of an item's difficulty b from the author's label (1 recall, 2 understanding, 3 applying). */
export const LABEL_MEAN: Record<number, number> = { 1: -1, 2: 0, 3: 1 };
/** Prior SD of b around the label mean (logits). */
export const LABEL_SD = 1;
export function labelMean(difficulty: number): number {
  const m = LABEL_MEAN[difficulty];
  if (m === undefined) throw new RangeError(`difficulty label ${difficulty} is not 1, 2 or 3`);
  return m;
}

/**
 * Probability that someone who knows nothing answers right: 1/k for single choice of k options;
 * 1/(2^n − n − 1) for multiple choice of n options (the number of subsets of at least two options:
 * every multiple-choice answer has ≥ 2 correct options, so a guesser picks one of those subsets);
 * 1/2 for true/false.
 */
export function guessFloor(type: ItemType, options: number): number {
  if (type === 'truefalse') return 0.5;
  if (type === 'single') {
    if (!(options >= 2)) throw new RangeError(`single choice needs ≥ 2 options, got ${options}`);
    return 1 / options;
  }
  if (!(options >= 2)) throw new RangeError(`multiple choice needs ≥ 2 options, got ${options}`);
  return 1 / (2 ** options - options - 1); // n = 2 → 1: both options are right, the item tells nothing
}

/** An item a guesser cannot get wrong (c = 1: multiple choice of 2 options) carries no evidence. */
export function informative(a: Pick<GradedAnswer, 'type' | 'options'>): boolean {
  return guessFloor(a.type, a.options) < 1;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
export const logit = (p: number) => Math.log(p / (1 - p));

/** P(correct) of the model. */
export function pCorrect(theta: number, b: number, c: number): number {
  return c + (1 - c) * sigmoid(theta - b);
}

/** θ (logits) → 0–100: the chance in % of knowing (not guessing) the answer to a typical difficulty-2 item (b = 0). */
export const toScore = (theta: number) => 100 * sigmoid(theta);
export const fromScore = (score: number) => logit(score / 100);

// ---------------------------------------------------------------- first-answer filter

export interface GradedAnswer {
  itemId: string;
  type: ItemType;
  options: number;
  correct: boolean;
  answeredAt: Date;
}

export { firstAnswers, type RawAnswer } from './evidence';

// ---------------------------------------------------------------- ability per dimension

/** θ grid for the posterior: −6..6 step 0.2 (61 points); a prior SD of 1.5 puts ±4 SD inside. */
const GRID_MIN = -6;
const GRID_STEP = 0.2;
const GRID_N = 61;
export const GRID = Float64Array.from({ length: GRID_N }, (_, g) => GRID_MIN + g * GRID_STEP);
export const EXP_NEG_GRID = Float64Array.from(GRID, (t) => Math.exp(-t));

/** The prior's weights on the grid (unnormalised). */
export function priorWeights(cfg: Pick<Cap2Config, 'priorMean' | 'priorSd'> = CAP2_DEFAULTS): Float64Array {
  const w = new Float64Array(GRID_N);
  const v = cfg.priorSd * cfg.priorSd;
  for (let g = 0; g < GRID_N; g++) w[g] = Math.exp(-((GRID[g] - cfg.priorMean) ** 2) / (2 * v));
  return w;
}

export interface Posterior {
  /** EAP θ̂ (logits) */
  mean: number;
  sd: number;
  /** 10th and 90th percentiles of the posterior (logits), before age widening */
  q10: number;
  q90: number;
}

/** Difficulty b of an item: the calibrated value, or the label prior mean when uncalibrated. */
export type DifficultyOf = (itemId: string) => number;

/** Calibrated b where there is one, else the prior mean of the item's author label. */
export function difficultyOf(
  calibrated: ReadonlyMap<string, { b: number }>,
  labelOf: (itemId: string) => number,
): DifficultyOf {
  return (itemId) => calibrated.get(itemId)?.b ?? labelMean(labelOf(itemId));
}

/**
 * Posterior of θ given graded answers (Bock & Mislevy 1982, EAP on a fixed grid). O(answers × 61),
 * multiplications only in the inner loop; rescaled every 16 answers against underflow.
 */
export function posterior(
  answers: readonly GradedAnswer[],
  difficulty: DifficultyOf,
  cfg: Pick<Cap2Config, 'priorMean' | 'priorSd'> = CAP2_DEFAULTS,
): Posterior {
  const w = priorWeights(cfg);
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    const c = guessFloor(a.type, a.options);
    const eb = Math.exp(difficulty(a.itemId));
    for (let g = 0; g < GRID_N; g++) {
      const p = c + (1 - c) / (1 + EXP_NEG_GRID[g] * eb);
      w[g] *= a.correct ? p : 1 - p;
    }
    if ((i & 15) === 15) rescale(w);
  }
  return summarise(w);
}

/** Mean, SD and 10th/90th percentiles of grid weights. */
export function summarise(w: Float64Array): Posterior {
  let sum = 0;
  let m1 = 0;
  let m2 = 0;
  for (let g = 0; g < GRID_N; g++) {
    sum += w[g];
    m1 += w[g] * GRID[g];
  }
  const mean = m1 / sum;
  for (let g = 0; g < GRID_N; g++) m2 += w[g] * (GRID[g] - mean) ** 2;
  return { mean, sd: Math.sqrt(m2 / sum), q10: quantile(w, sum, 0.1), q90: quantile(w, sum, 0.9) };
}

export function rescale(w: Float64Array) {
  let max = 0;
  for (let g = 0; g < GRID_N; g++) if (w[g] > max) max = w[g];
  if (max > 0) for (let g = 0; g < GRID_N; g++) w[g] /= max;
}

/** Each grid weight is the mass of a cell of width GRID_STEP centred on its point; linear within a cell. */
function quantile(w: Float64Array, sum: number, q: number): number {
  const target = q * sum;
  let acc = 0;
  for (let g = 0; g < GRID_N; g++) {
    if (acc + w[g] >= target) return GRID[g] - GRID_STEP / 2 + (GRID_STEP * (target - acc)) / w[g];
    acc += w[g];
  }
  return GRID[GRID_N - 1] + GRID_STEP / 2;
}

/** Mean age in years of the answers at asOf (0 for none). */
export function meanAgeYears(answers: readonly GradedAnswer[], asOf: Date): number {
  if (answers.length === 0) return 0;
  let s = 0;
  for (const a of answers) s += Math.max(0, asOf.getTime() - a.answeredAt.getTime());
  return s / answers.length / YEAR_MS;
}

/**
 * Age widening factor √(sd² + q·age) / sd: ability may have drifted since the evidence (a random
 * walk of variance q per year). Applied to both sides of the interval around θ̂; θ̂ itself never moves.
 */
export function ageFactor(sd: number, ageYears: number, q = CAP2_DEFAULTS.driftVariancePerYear): number {
  return Math.sqrt(sd * sd + q * ageYears) / sd;
}
