// The full run's item calibration (item-calibration.ts) by seeded simulation: items whose true
// difficulty is far from their author's label, officers answering by the model, calibrated the way
// the runs do it (abilities from the previous run, then b; a few nightly runs in a row).
import { labelMean, pCorrect, type GradedAnswer } from './cap2-model';
import { asOf, prng } from './cap2-fixtures';
import { estimateDimension } from './overall';
import { calibrateItems, thetaOfValue, type AbilityCount } from './item-calibration';
import type { CalibrationItem } from './calibration';

const ITEMS: CalibrationItem[] = Array.from({ length: 24 }, (_, i) => ({
  itemId: `i${String(i).padStart(2, '0')}`,
  type: 'single',
  options: 4,
  label: 1 + (i % 3),
}));
/** True b two logits away from the label's mean, alternately above and below. */
const TRUE_B = new Map(ITEMS.map((it, i) => [it.itemId, labelMean(it.label) + (i % 2 === 0 ? 2 : -2)]));

/** `officers` simulated officers (θ ~ N(0, 1.5²)) answering every item once, by the model. */
function simulate(officers: number, seed: number): GradedAnswer[][] {
  const rng = prng(seed);
  return Array.from({ length: officers }, () => {
    const theta = 1.5 * rng.normal();
    return ITEMS.map((it) => ({
      itemId: it.itemId,
      type: it.type,
      options: it.options,
      correct: rng.next() < pCorrect(theta, TRUE_B.get(it.itemId)!, 0.25),
      answeredAt: asOf,
    }));
  });
}

/** `runs` full runs: each stores every officer's ability θ̂, then calibrates from them. */
function calibrateLikeRuns(answers: GradedAnswer[][], runs: number) {
  let b = new Map(ITEMS.map((it) => [it.itemId, labelMean(it.label)]));
  let calibrated = calibrateItems(ITEMS, []);
  for (let r = 0; r < runs; r++) {
    const counts: AbilityCount[] = [];
    for (const officer of answers) {
      const dim = estimateDimension('order', officer, (id) => b.get(id)!, asOf);
      // every officer's θ̂ (rated or not), rounded to 0.1 logit as the SQL buckets it
      const theta = Math.floor(10 * dim.theta.mean + 0.5) / 10;
      for (const a of officer) counts.push({ itemId: a.itemId, theta, correct: a.correct, n: 1 });
    }
    calibrated = calibrateItems(ITEMS, counts);
    b = new Map(ITEMS.map((it) => [it.itemId, calibrated.get(it.itemId)?.b ?? labelMean(it.label)]));
  }
  return { b, calibrated };
}

const meanAbsError = (b: Map<string, number>) =>
  ITEMS.reduce((s, it) => s + Math.abs(b.get(it.itemId)! - TRUE_B.get(it.itemId)!), 0) / ITEMS.length;

describe('cap-2 item calibration in the full run (simulation, seeded)', () => {
  it('calibrated b is far closer to the truth than the label, and the error shrinks as answers grow', () => {
    const labelError = meanAbsError(new Map(ITEMS.map((it) => [it.itemId, labelMean(it.label)])));
    expect(labelError).toBeCloseTo(2, 10);
    const errors = [10, 60, 400, 2000].map((n) => meanAbsError(calibrateLikeRuns(simulate(n, 7), 3).b));
    // 10 answers an item: the label prior still holds b back (shrinkage), but it moves toward the truth
    expect(errors[0]).toBeLessThan(labelError);
    expect(errors[1]).toBeLessThan(errors[0]);
    expect(errors[2]).toBeLessThan(errors[1]);
    // past a few hundred answers the error stops at ≈ 0.3 logit: the plugged-in abilities are
    // posterior means, shrunk toward 0, which compresses b (docs/scoring.md); it does not grow back
    expect(errors[3]).toBeLessThan(0.35);
  });

  it('officers scored with the calibrated b: 80 % intervals still cover the true ability in 75–85 %', () => {
    const { b } = calibrateLikeRuns(simulate(2000, 5), 3);
    const rng = prng(99);
    let covered = 0;
    const n = 1500;
    for (let o = 0; o < n; o++) {
      const theta = 1.5 * rng.normal();
      const answers = ITEMS.slice(0, 8 + rng.int(16)).map((it) => ({
        itemId: it.itemId,
        type: it.type,
        options: it.options,
        correct: rng.next() < pCorrect(theta, TRUE_B.get(it.itemId)!, 0.25),
        answeredAt: asOf,
      }));
      const dim = estimateDimension('order', answers, (id) => b.get(id)!, asOf);
      if (dim.theta.lower <= theta && theta <= dim.theta.upper) covered++;
    }
    expect(covered / n).toBeGreaterThanOrEqual(0.75);
    expect(covered / n).toBeLessThanOrEqual(0.85);
  });

  it('standard errors shrink with the answers, and an item nobody answered keeps its label', () => {
    const few = calibrateLikeRuns(simulate(30, 11), 2).calibrated;
    const many = calibrateLikeRuns(simulate(1500, 11), 2).calibrated;
    for (const it of ITEMS) expect(many.get(it.itemId)!.se).toBeLessThan(few.get(it.itemId)!.se);
    expect(many.get('i00')!.se).toBeLessThan(0.15);
    const counts = [{ itemId: 'i01', theta: 0, correct: true, n: 3 }];
    const only = calibrateItems(ITEMS, counts);
    expect(only.has('i00')).toBe(false);
    // 3 right answers at θ = 0 pull b down from the label (0) but the prior keeps it within 1 logit
    expect(only.get('i01')!.b).toBeLessThan(0);
    expect(only.get('i01')!.b).toBeGreaterThan(-1);
    expect(only.get('i01')!.answers).toBe(3);
  });

  it('finds the maximum of the posterior even where a plain Fisher step oscillates (mostly wrong answers of weak officers)', () => {
    // the shape of the benchmark's answers: abilities 8–19 on 0–100, about 30 % right
    const counts: AbilityCount[] = [];
    for (let v = 8; v <= 19; v++) {
      counts.push({ itemId: 'i00', theta: thetaOfValue(v), correct: false, n: 200 });
      counts.push({ itemId: 'i00', theta: thetaOfValue(v), correct: true, n: 60 + 5 * v });
    }
    const b = calibrateItems(ITEMS, counts).get('i00')!.b;
    const logPost = (x: number) =>
      -((x + 1) ** 2) / 2 +
      counts.reduce((s, a) => {
        const P = pCorrect(a.theta, x, 0.25);
        return s + a.n * Math.log(a.correct ? P : 1 - P);
      }, 0);
    expect(logPost(b)).toBeGreaterThan(logPost(b - 0.01));
    expect(logPost(b)).toBeGreaterThan(logPost(b + 0.01));
    expect(Math.abs(b)).toBeLessThan(3);
  });

  it('is deterministic: the same answers give the same b to the last digit', () => {
    const x = calibrateLikeRuns(simulate(200, 3), 2).b;
    const y = calibrateLikeRuns(simulate(200, 3), 2).b;
    expect([...x.values()]).toEqual([...y.values()]);
  });
});
