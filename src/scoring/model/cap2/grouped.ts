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
 * The same estimate from grouped first answers: with difficulties from the label prior (no
 * calibration yet), every answer of one (type, options, label, right/wrong) in a dimension multiplies
 * the posterior by the same factor, so a group of n answers is one power. This lets SQL hand over a
 * few rows per officer and dimension instead of every answer (docs/scoring.md, "How it runs").
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

export function estimateGrouped(
  dimensions: readonly string[],
  groups: readonly AnswerGroup[],
  config: Partial<Cap2Config> = {},
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
        const eb = Math.exp(grp.b);
        for (let g = 0; g < w.length; g++) {
          const p = c + (1 - c) / (1 + EXP_NEG_GRID[g] * eb);
          w[g] *= Math.pow(grp.correct ? p : 1 - p, grp.n);
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
