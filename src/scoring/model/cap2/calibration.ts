import { guessFloor, LABEL_SD, labelMean, sigmoid, type ItemType, CAP2_DEFAULTS } from './cap2-model';

/**
 * Item difficulty calibration: joint maximum a posteriori (JMAP) estimation of every item's b and
 * every (officer, dimension) ability θ from the first-answer matrix, alternating one Fisher-scoring
 * step for all θ with one for all b, a fixed number of rounds (deterministic, O(answers) per round).
 * Priors: b ~ N(label mean, LABEL_SD²) — the author's label, which dominates while an item has few
 * answers (shrinkage) — and θ ~ N(priorMean, priorSd²).
 */
export interface CalibrationAnswer {
  /** officer + dimension: one ability */
  personId: string;
  itemId: string;
  correct: boolean;
}

export interface CalibrationItem {
  itemId: string;
  type: ItemType;
  options: number;
  /** author's label 1..3 */
  label: number;
}

export interface CalibratedItem {
  itemId: string;
  b: number;
  /** posterior SD of b from the Fisher information at the estimate */
  se: number;
  answers: number;
}

export function calibrate(
  items: readonly CalibrationItem[],
  answers: readonly CalibrationAnswer[],
  rounds = 30,
): Map<string, CalibratedItem> {
  const itemIndex = new Map<string, number>();
  items.forEach((it, i) => itemIndex.set(it.itemId, i));
  const personIndex = new Map<string, number>();
  const ai = new Int32Array(answers.length);
  const ap = new Int32Array(answers.length);
  const ay = new Uint8Array(answers.length);
  let n = 0;
  for (const a of answers) {
    const i = itemIndex.get(a.itemId);
    // an answer to an unknown item, or to one a guesser cannot miss (c = 1), carries no calibration
    if (i === undefined || guessFloor(items[i].type, items[i].options) >= 1) continue;
    let p = personIndex.get(a.personId);
    if (p === undefined) personIndex.set(a.personId, (p = personIndex.size));
    ai[n] = i;
    ap[n] = p;
    ay[n] = a.correct ? 1 : 0;
    n++;
  }
  const c = Float64Array.from(items, (it) => guessFloor(it.type, it.options));
  const mu = Float64Array.from(items, (it) => labelMean(it.label));
  const b = Float64Array.from(mu);
  const theta = new Float64Array(personIndex.size).fill(CAP2_DEFAULTS.priorMean);
  const tVar = CAP2_DEFAULTS.priorSd ** 2;
  const bVar = LABEL_SD ** 2;
  const gT = new Float64Array(theta.length);
  const hT = new Float64Array(theta.length);
  const gB = new Float64Array(b.length);
  const hB = new Float64Array(b.length);
  const count = new Int32Array(b.length);
  for (let k = 0; k < n; k++) count[ai[k]]++;

  /** Accumulates the log-likelihood gradient w.r.t. θ (−gradient w.r.t. b) and the Fisher information. */
  const accumulate = (grad: Float64Array, info: Float64Array, byPerson: boolean) => {
    for (let k = 0; k < n; k++) {
      const i = ai[k];
      const s = sigmoid(theta[ap[k]] - b[i]);
      const P = c[i] + (1 - c[i]) * s;
      const dP = (1 - c[i]) * s * (1 - s);
      const q = P * (1 - P);
      const g = ((ay[k] - P) * dP) / q;
      const idx = byPerson ? ap[k] : i;
      grad[idx] += byPerson ? g : -g;
      info[idx] += (dP * dP) / q;
    }
  };
  const clamp = (x: number) => Math.max(-1, Math.min(1, x));
  for (let r = 0; r < rounds; r++) {
    gT.fill(0);
    hT.fill(0);
    accumulate(gT, hT, true);
    for (let p = 0; p < theta.length; p++) {
      theta[p] += clamp((gT[p] - (theta[p] - CAP2_DEFAULTS.priorMean) / tVar) / (hT[p] + 1 / tVar));
    }
    gB.fill(0);
    hB.fill(0);
    accumulate(gB, hB, false);
    for (let i = 0; i < b.length; i++) b[i] += clamp((gB[i] - (b[i] - mu[i]) / bVar) / (hB[i] + 1 / bVar));
  }
  gB.fill(0);
  hB.fill(0);
  accumulate(gB, hB, false);
  return new Map(
    items.map((it, i) => [
      it.itemId,
      { itemId: it.itemId, b: b[i], se: 1 / Math.sqrt(hB[i] + 1 / bVar), answers: count[i] },
    ]),
  );
}
