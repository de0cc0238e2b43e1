import { guessFloor, LABEL_SD, labelMean, logit, sigmoid } from './cap2-model';
import type { CalibratedItem, CalibrationItem } from './calibration';

/**
 * Item difficulties as the full run calibrates them: the item half of joint MAP estimation
 * (./calibration.ts), with every officer's ability fixed at its stored estimate. For each item, b
 * maximises Σ log P(answer | θ, b) + log N(b; label mean, LABEL_SD²) over the item's first answers
 * (Newton–Raphson to convergence). The prior is the author's label, so an item with few answers
 * stays near it (shrinkage) and one with many follows its answers. Run once per full run with the
 * abilities of the previous run, this is one alternation of JMAP per run; the abilities of the run
 * then use the new b, the next run's b those abilities (docs/scoring.md, "Item difficulties").
 * Abilities arrive bucketed: many answers share a (θ, right/wrong), so the cost is per bucket.
 */
export interface AbilityCount {
  itemId: string;
  /** the answerer's ability (logits) */
  theta: number;
  correct: boolean;
  n: number;
}

/** A stored value on 0–100 (or 0..1 × 100, bucketed) → θ, kept off ±∞. */
export const thetaOfValue = (value: number) => logit(Math.min(99.5, Math.max(0.5, value)) / 100);

export function calibrateItems(
  items: readonly CalibrationItem[],
  counts: readonly AbilityCount[],
  iterations = 25,
): Map<string, CalibratedItem> {
  const byItem = new Map<string, AbilityCount[]>();
  for (const c of counts) {
    let list = byItem.get(c.itemId);
    if (!list) byItem.set(c.itemId, (list = []));
    list.push(c);
  }
  const out = new Map<string, CalibratedItem>();
  const bVar = LABEL_SD ** 2;
  for (const it of items) {
    const list = byItem.get(it.itemId);
    const c = guessFloor(it.type, it.options);
    if (!list || c >= 1) continue; // no answers, or a guesser cannot miss it: the label stays
    const mu = labelMean(it.label);
    let answers = 0;
    for (const a of list) answers += a.n;
    /** Log posterior of b, its gradient and the Fisher information. */
    const at = (b: number) => {
      let logPost = -((b - mu) ** 2) / (2 * bVar);
      let grad = -(b - mu) / bVar;
      let info = 0;
      for (const a of list) {
        const s = sigmoid(a.theta - b);
        const P = c + (1 - c) * s;
        const dP = (1 - c) * s * (1 - s);
        const q = P * (1 - P);
        logPost += a.n * Math.log(a.correct ? P : 1 - P);
        grad -= (a.n * ((a.correct ? 1 : 0) - P) * dP) / q;
        info += (a.n * dP * dP) / q;
      }
      return { logPost, grad, info };
    };
    let b = mu;
    let cur = at(b);
    // Fisher scoring, the step halved until the posterior rises: with a guessing floor the
    // likelihood is not concave in b, and a plain step can oscillate.
    for (let k = 0; k < iterations; k++) {
      let step = Math.max(-1, Math.min(1, cur.grad / (cur.info + 1 / bVar)));
      let next = at(b + step);
      for (let h = 0; h < 30 && next.logPost < cur.logPost; h++) next = at(b + (step /= 2));
      if (next.logPost < cur.logPost) break;
      b += step;
      cur = next;
      if (Math.abs(step) < 1e-9) break;
    }
    const info = cur.info;
    out.set(it.itemId, { itemId: it.itemId, b, se: 1 / Math.sqrt(info + 1 / bVar), answers });
  }
  return out;
}
