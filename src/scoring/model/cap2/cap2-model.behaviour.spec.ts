// cap-2 behaviour: the direction of the evidence, and validity by seeded simulation (coverage, guessers,
// calibration). The hand-computed fixtures are in cap2-model.spec.ts.
import { difficultyOf, guessFloor, pCorrect, posterior, toScore, type GradedAnswer } from './cap2-model';
import { computeCap2, estimateDimension } from './overall';
import { asOf, at, ans, bOf, prng, TYPES } from './cap2-fixtures';
import { calibrate, type CalibrationAnswer, type CalibrationItem } from './calibration';

describe('cap-2: direction of the evidence', () => {
  const base = [
    ans('b:0:a', true),
    ans('b:0:b', false),
    ans('b:1:c', true),
    ans('b:-1:d', true),
    ans('b:0:e', false),
    ans('b:1:f', false),
  ];
  const mean = (xs: GradedAnswer[]) => posterior(xs, bOf).mean;

  it('a wrong answer on an easy item lowers the estimate more than a wrong answer on a hard item', () => {
    const m0 = mean(base);
    const easy = m0 - mean([...base, ans('b:-1:g', false)]);
    const hard = m0 - mean([...base, ans('b:1:g', false)]);
    expect(hard).toBeGreaterThan(0);
    expect(easy).toBeGreaterThan(hard);
  });

  it('a right answer on a hard item raises it more than on an easy one', () => {
    const m0 = mean(base);
    expect(mean([...base, ans('b:1:g', true)]) - m0).toBeGreaterThan(
      mean([...base, ans('b:-1:g', true)]) - m0,
    );
  });

  it('a right true/false answer moves the estimate less than a right single-choice answer of the same difficulty', () => {
    const m0 = mean(base);
    const tf = mean([...base, ans('b:0:g', true, 'truefalse', 2)]) - m0;
    const single = mean([...base, ans('b:0:g', true, 'single', 4)]) - m0;
    const multiple = mean([...base, ans('b:0:g', true, 'multiple', 4)]) - m0;
    expect(tf).toBeGreaterThan(0);
    expect(single).toBeGreaterThan(tf);
    expect(multiple).toBeGreaterThan(single);
  });

  it('waiting widens the interval and leaves the estimate unchanged', () => {
    const many = Array.from({ length: 20 }, (_, i) => ans(`b:0:${i}`, i % 4 !== 0));
    const now = estimateDimension('order', many, bOf, asOf);
    const old = estimateDimension(
      'order',
      many.map((a) => ({ ...a, answeredAt: at(2) })),
      bOf,
      asOf,
    );
    const older = estimateDimension(
      'order',
      many.map((a) => ({ ...a, answeredAt: at(5) })),
      bOf,
      asOf,
    );
    expect(now.rated).toBe(true);
    expect(old.value).toBe(now.value);
    expect(old.theta.mean).toBe(now.theta.mean);
    expect(old.interval!.lower).toBeLessThan(now.interval!.lower);
    expect(old.interval!.upper).toBeGreaterThan(now.interval!.upper);
    // long enough without evidence, the dimension is no longer known well enough: 未评定, never 50
    expect(older).toMatchObject({ rated: false, value: null, reason: 'too_uncertain' });
    expect(older.theta.mean).toBe(now.theta.mean);
  });

  it('a 2-option multiple choice (both right, c = 1) is not evidence and does not break the estimate', () => {
    const d = estimateDimension(
      'order',
      [ans('b:0:a', true), ans('b:0:m', false, 'multiple', 2), ans('b:0:n', true, 'multiple', 2)],
      bOf,
      asOf,
      { minAnswers: 1 },
    );
    expect(d.answers).toBe(1);
    expect(Number.isFinite(d.theta.mean)).toBe(true);
  });

  it('uncalibrated items take the prior mean of their label', () => {
    const b = difficultyOf(new Map([['x', { b: 0.3 }]]), (id) => (id === 'y' ? 3 : 1));
    expect([b('x'), b('y'), b('z')]).toEqual([0.3, 1, -1]);
  });

  it('evidence after asOf does not exist yet', () => {
    const d = estimateDimension(
      'order',
      [ans('b:0:a', true), { ...ans('b:0:b', true), answeredAt: new Date(asOf.getTime() + 1000) }],
      bOf,
      asOf,
      { minAnswers: 1 },
    );
    expect(d.answers).toBe(1);
  });
});

describe('cap-2: validity by simulation (seeded)', () => {
  /** An item bank of 90 items with known difficulties and mixed types. */
  const bank = Array.from({ length: 90 }, (_, i) => {
    const t = TYPES[i % 3];
    return { id: `i${i}`, b: [-1, 0, 1][Math.floor(i / 3) % 3] + 0.5 * Math.sin(i), ...t };
  });
  const bankB = new Map(bank.map((x) => [x.id, x.b]));
  const difficulty = (id: string) => bankB.get(id)!;
  const answerAs = (
    rng: ReturnType<typeof prng>,
    n: number,
    p: (item: (typeof bank)[number]) => number,
  ): GradedAnswer[] => {
    const picked = new Set<number>();
    while (picked.size < n) picked.add(rng.int(bank.length));
    return [...picked].map((i) => {
      const it = bank[i];
      return {
        itemId: it.id,
        type: it.type,
        options: it.options,
        correct: rng.next() < p(it),
        answeredAt: asOf,
      };
    });
  };

  it('80 % intervals cover the true ability in 75–85 % of 2,000 simulated dimensions', () => {
    // Binomial SD of the coverage over 2,000 dimensions is √(0.8·0.2/2000) = 0.9 %: ±5 % is > 5 SD.
    const rng = prng(20261207);
    let covered = 0;
    let ratedN = 0;
    let ratedCovered = 0;
    const N = 2000;
    for (let k = 0; k < N; k++) {
      const theta = 1.5 * rng.normal();
      const answers = answerAs(rng, 5 + rng.int(26), (it) =>
        pCorrect(theta, it.b, guessFloor(it.type, it.options)),
      );
      const d = estimateDimension('x', answers, difficulty, asOf);
      if (d.theta.lower <= theta && theta <= d.theta.upper) covered++;
      if (d.rated) {
        ratedN++;
        if (d.interval!.lower <= toScore(theta) && toScore(theta) <= d.interval!.upper) ratedCovered++;
      }
    }
    expect(covered / N).toBeGreaterThan(0.75);
    expect(covered / N).toBeLessThan(0.85);
    expect(ratedN).toBeGreaterThan(500);
    expect(ratedCovered / ratedN).toBeGreaterThan(0.75);
    expect(ratedCovered / ratedN).toBeLessThan(0.85);
  });

  it('an officer who guesses at random is never 达标 (1,000 guessers, 30 answers in each of 5 dimensions)', () => {
    const rng = prng(7);
    const dims = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
    let rated = 0;
    for (let k = 0; k < 1000; k++) {
      const by = new Map(dims.map((d) => [d, answerAs(rng, 30, (it) => guessFloor(it.type, it.options))]));
      const o = computeCap2(by, dims, difficulty, asOf);
      if (o.rated) rated++;
      expect(o.meetsTarget).toBe(false);
    }
    expect(rated).toBeGreaterThan(900); // they are rated (30 answers is plenty) — and rated low
  });

  it('calibration recovers simulated difficulties (r > 0.9) with many answers and stays near the label with few', () => {
    const rng = prng(42);
    const items: CalibrationItem[] = [];
    const trueB = new Map<string, number>();
    for (let i = 0; i < 80; i++) {
      const label = 1 + (i % 3);
      const t = TYPES[i % 3];
      items.push({ itemId: `c${i}`, type: t.type, options: t.options, label });
      trueB.set(`c${i}`, label - 2 + 0.8 * rng.normal());
    }
    const answers: CalibrationAnswer[] = [];
    // 60 well-used items (≈ 600 answers each) and 20 rare ones (2 answers each)
    for (let p = 0; p < 1200; p++) {
      const theta = 1.5 * rng.normal();
      const seen = new Set<number>();
      while (seen.size < 30) seen.add(rng.int(60));
      if (p < 40) seen.add(60 + (p % 20));
      for (const i of seen) {
        const it = items[i];
        answers.push({
          personId: `p${p}`,
          itemId: it.itemId,
          correct: rng.next() < pCorrect(theta, trueB.get(it.itemId)!, guessFloor(it.type, it.options)),
        });
      }
    }
    const cal = calibrate(items, answers);
    const est = items.slice(0, 60).map((it) => cal.get(it.itemId)!.b);
    const tru = items.slice(0, 60).map((it) => trueB.get(it.itemId)!);
    expect(correlation(est, tru)).toBeGreaterThan(0.9);
    // two answers cannot move an item far from its label (prior SD 1): each stays within one SD,
    // on average far closer than the true difficulties are to their labels (0.8·√(2/π) ≈ 0.64)
    const shifts = items.slice(60).map((it) => {
      expect(cal.get(it.itemId)!.answers).toBe(2);
      return Math.abs(cal.get(it.itemId)!.b - (it.label - 2));
    });
    for (const s of shifts) expect(s).toBeLessThan(1);
    expect(shifts.reduce((a, b) => a + b, 0) / shifts.length).toBeLessThan(0.4);
    // deterministic: the same answers give the same difficulties
    expect(calibrate(items, answers).get('c0')!.b).toBe(cal.get('c0')!.b);
  });
});

function correlation(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
