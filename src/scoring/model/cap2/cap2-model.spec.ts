// cap-2 by hand: guessing floors, the 0–100 transform, first answers, 未评定 and 达标 (hand-computed fixtures).
// The direction of the evidence and the seeded simulations are in cap2-model.behaviour.spec.ts.
import {
  ageFactor,
  CAP2_FORMULA,
  firstAnswers,
  fromScore,
  guessFloor,
  pCorrect,
  posterior,
  toScore,
  type RawAnswer,
} from './cap2-model';
import { combine, computeCap2, estimateDimension } from './overall';
import { asOf, at, ans, bOf, TYPES } from './cap2-fixtures';

describe('cap-2: guessing floor and the 0–100 transform (hand-computed)', () => {
  it('c = 1/k single, 1/(2^n − n − 1) multiple, 1/2 true/false', () => {
    expect(guessFloor('single', 4)).toBe(0.25);
    expect(guessFloor('multiple', 4)).toBeCloseTo(1 / 11, 12);
    expect(guessFloor('multiple', 5)).toBeCloseTo(1 / 26, 12);
    expect(guessFloor('truefalse', 2)).toBe(0.5);
    expect(guessFloor('multiple', 2)).toBe(1);
    expect(() => guessFloor('single', 1)).toThrow(RangeError);
  });

  it('P = c + (1 − c)σ(θ − b): at θ = b a 4-option question is right 62.5 % of the time', () => {
    expect(pCorrect(0, 0, 0.25)).toBeCloseTo(0.625, 12);
    expect(pCorrect(-50, 0, 0.5)).toBeCloseTo(0.5, 12);
    expect(toScore(0)).toBe(50);
    expect(toScore(Math.log(1.5))).toBeCloseTo(60, 10);
    expect(fromScore(60)).toBeCloseTo(Math.log(1.5), 12);
  });

  it('no answers: the posterior is the prior N(0, 1.5²), 80 % interval ±1.92 logits; 未评定 too_few_answers', () => {
    const p = posterior([], () => 0);
    expect(p.mean).toBeCloseTo(0, 6);
    expect(p.sd).toBeCloseTo(1.5, 2);
    expect(p.q90).toBeCloseTo(1.5 * 1.2816, 1);
    const d = estimateDimension('order', [], () => 0, asOf);
    expect(d).toMatchObject({
      answers: 0,
      correct: 0,
      value: null,
      interval: null,
      rated: false,
      reason: 'too_few_answers',
    });
  });

  it('one right answer on a b = 0 single-choice item: posterior mean by direct integration', () => {
    // E[θ] = ∫θ φ(θ/1.5)·P(θ) dθ / ∫φ(θ/1.5)·P(θ) dθ, computed here with a fine independent grid.
    let num = 0;
    let den = 0;
    for (let t = -10; t <= 10; t += 0.001) {
      const w = Math.exp(-(t * t) / (2 * 2.25)) * pCorrect(t, 0, 0.25);
      num += t * w;
      den += w;
    }
    expect(posterior([ans('b:0:x', true)], bOf).mean).toBeCloseTo(num / den, 3);
  });

  it('age factor √(sd² + 0.1·years)/sd: sd 0.5 after 2.5 years → √(0.25 + 0.25)/0.5 = √2', () => {
    expect(ageFactor(0.5, 2.5)).toBeCloseTo(Math.SQRT2, 12);
    expect(ageFactor(0.5, 0)).toBe(1);
  });
});

describe('cap-2: first answers only', () => {
  const raw = (over: Partial<RawAnswer>): RawAnswer => ({
    officerId: 'u1',
    dimension: 'handling',
    itemId: 'b:0:q1@v1',
    type: 'single',
    options: 4,
    credit: 0,
    answeredAt: at(1),
    source: 'quiz',
    finished: true,
    ...over,
  });

  it('a retake of the same paper adds nothing: only the first answer to each question version counts', () => {
    const first = [
      raw({ itemId: 'b:0:q1@v1', credit: 0, answeredAt: at(0.5) }),
      raw({ itemId: 'b:0:q2@v1', credit: 0, answeredAt: at(0.5) }),
    ];
    const retake = [
      raw({ itemId: 'b:0:q1@v1', credit: 1, answeredAt: at(0.4) }),
      raw({ itemId: 'b:0:q2@v1', credit: 1, answeredAt: at(0.4) }),
    ];
    const got = firstAnswers([...retake, ...first])
      .get('u1')!
      .get('handling')!; // input order does not matter
    expect(got.map((a) => a.correct)).toEqual([false, false]);
    const d1 = estimateDimension('handling', firstAnswers(first).get('u1')!.get('handling')!, bOf, asOf, {
      minAnswers: 1,
    });
    const d2 = estimateDimension('handling', got, bOf, asOf, { minAnswers: 1 });
    expect(d2.theta).toEqual(d1.theta);
  });

  it('a new version of a question is a new item; practice and unfinished attempts never count; partial credit is not correct', () => {
    const got = firstAnswers([
      raw({ itemId: 'b:0:q1@v1', credit: 1, answeredAt: at(2) }),
      raw({ itemId: 'b:0:q1@v2', credit: 0.5, answeredAt: at(1) }),
      raw({ itemId: 'b:0:q3@v1', credit: 1, source: 'practice' }),
      raw({ itemId: 'b:0:q4@v1', credit: 1, finished: false }),
      raw({ officerId: 'u2', itemId: 'b:0:q1@v1', credit: 1 }),
    ]);
    expect(
      got
        .get('u1')!
        .get('handling')!
        .map((a) => [a.itemId, a.correct]),
    ).toEqual([
      ['b:0:q1@v1', true],
      ['b:0:q1@v2', false],
    ]);
    expect(got.get('u2')!.get('handling')!).toHaveLength(1);
  });
});

describe('cap-2: 未评定 and 达标 rules', () => {
  it('one lucky answer never rates a dimension — not even with minAnswers 1 (the interval is too wide)', () => {
    for (const t of TYPES) {
      for (const b of [-1, 0, 1]) {
        const one = [ans(`b:${b}:x`, true, t.type, t.options)];
        expect(estimateDimension('order', one, bOf, asOf)).toMatchObject({
          rated: false,
          value: null,
          reason: 'too_few_answers',
        });
        expect(estimateDimension('order', one, bOf, asOf, { minAnswers: 1 })).toMatchObject({
          rated: false,
          value: null,
          reason: 'too_uncertain',
        });
      }
    }
  });

  it('fewer than 3 rated dimensions: overall null; 达标 needs lower bound ≥ 60 and no rated dimension below 50', () => {
    const strong = Array.from({ length: 30 }, (_, i) => ans(`b:0:${i}`, i % 10 !== 0));
    const weak = Array.from({ length: 30 }, (_, i) => ans(`b:0:${i}`, i % 3 === 0));
    const dims = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
    const two = computeCap2(
      new Map([
        ['prevention', strong],
        ['acceptance', strong],
      ]),
      dims,
      bOf,
      asOf,
    );
    expect(two).toMatchObject({
      score: null,
      interval: null,
      rated: false,
      meetsTarget: false,
      reason: 'too_few_rated_dimensions',
      formula: CAP2_FORMULA,
    });
    const four = computeCap2(new Map(dims.slice(0, 4).map((d) => [d, strong])), dims, bOf, asOf);
    expect(four.rated).toBe(true);
    expect(four.dimensions.filter((d) => d.rated)).toHaveLength(4);
    expect(four.score).toBeCloseTo(four.dimensions[0].value!, 10); // mean of the rated ones only; order is 未评定, not 50
    expect(four.interval!.lower).toBeGreaterThanOrEqual(60);
    expect(four.meetsTarget).toBe(true);
    const oneWeak = computeCap2(
      new Map([...dims.slice(0, 4).map((d) => [d, strong] as const), ['order', weak]]),
      dims,
      bOf,
      asOf,
    );
    expect(oneWeak.dimensions[4].value!).toBeLessThan(50);
    expect(oneWeak.meetsTarget).toBe(false);
  });

  it('overall interval = mean ± Z80·√Σ s_d² / m with s_d = width_d / (2·Z80)', () => {
    const d = (value: number, lower: number, upper: number) => ({
      dimension: 'x',
      answers: 10,
      correct: 5,
      value,
      interval: { lower, upper },
      rated: true,
      reason: null,
      theta: { mean: 0, sd: 1, lower: 0, upper: 0, ageYears: 0 },
    });
    const o = combine([d(70, 60, 80), d(70, 60, 80), d(70, 60, 80)]);
    // each half-width 10 → overall half-width 10·√3/3
    expect(o.score).toBe(70);
    expect(o.interval!.lower).toBeCloseTo(70 - (10 * Math.sqrt(3)) / 3, 10);
    expect(o.meetsTarget).toBe(true);
    expect(combine([d(70, 60, 80), d(70, 60, 80), d(70, 60, 80)], { passMark: 65 }).meetsTarget).toBe(false);
  });
});
