import {
  CAP2_DEFAULTS,
  EXP_NEG_GRID,
  guessFloor,
  priorWeights,
  rescale,
  summarise,
  type Cap2Config,
  type ItemType,
} from './cap2-model';
import { combine, dimensionResult, type OfficerCapability } from './overall';

/**
 * The same estimate from grouped first answers: every answer of one (type, options, difficulty b,
 * right/wrong) in a dimension multiplies the posterior by the same factor, so a group of n answers
 * is one power (docs/scoring.md, "How it runs").
 */
export interface AnswerGroup {
  dimension: string;
  type: ItemType;
  options: number;
  /** the item's difficulty b (logits) */
  b: number;
  correct: boolean;
  n: number;
  /** Σ of the answers' ages in years at asOf */
  ageSum: number;
}

/**
 * P(right) on the grid per (guessing floor, b), computed once and reused by every officer of a
 * call (the same values as computed inline, so the estimate does not change by the last digit).
 */
export class LikelihoodCache {
  private readonly curves = new Map<string, Float64Array>();

  right(c: number, b: number): Float64Array {
    const key = `${c}|${b}`;
    let p = this.curves.get(key);
    if (!p) {
      const eb = Math.exp(b);
      p = Float64Array.from(EXP_NEG_GRID, (e) => c + (1 - c) / (1 + e * eb));
      this.curves.set(key, p);
    }
    return p;
  }
}

export function estimateGrouped(
  dimensions: readonly string[],
  groups: readonly AnswerGroup[],
  config: Partial<Cap2Config> = {},
  cache = new LikelihoodCache(),
): OfficerCapability {
  const cfg = { ...CAP2_DEFAULTS, ...config };
  return combine(
    dimensions.map((dimension) => {
      const w = priorWeights(cfg);
      let answers = 0;
      let correct = 0;
      let ageSum = 0;
      for (const grp of groups) {
        if (grp.dimension !== dimension) continue;
        const c = guessFloor(grp.type, grp.options);
        if (c >= 1) continue; // a guesser cannot miss it: not evidence
        const p = cache.right(c, grp.b);
        for (let g = 0; g < w.length; g++) {
          const f = grp.correct ? p[g] : 1 - p[g];
          w[g] *= grp.n === 1 ? f : Math.pow(f, grp.n);
        }
        rescale(w);
        answers += grp.n;
        if (grp.correct) correct += grp.n;
        ageSum += grp.ageSum;
      }
      return dimensionResult(
        dimension,
        summarise(w),
        answers,
        correct,
        answers > 0 ? ageSum / answers : 0,
        cfg,
      );
    }),
    cfg,
  );
}
