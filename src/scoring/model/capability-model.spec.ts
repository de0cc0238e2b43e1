import {
  computeCapability,
  evidenceWeight,
  explain,
  FORMULA_VERSION,
  overall,
  type Evidence,
} from './capability-model';

const asOf = new Date('2026-06-30T00:00:00Z');
const daysAgo = (n: number) => new Date(asOf.getTime() - n * 86_400_000);
const ev = (dimension: string, credit: number, difficulty = 1, age = 0): Evidence => ({
  dimension,
  credit,
  difficulty,
  finishedAt: daysAgo(age),
});
const base = { coursesRequired: 0, coursesDone: 0, attendance: [] as string[], asOf };

describe('capability model (hand-computed examples)', () => {
  it('no evidence at all: every dimension sits at the prior 0.5, score 50', () => {
    const c = computeCapability({ ...base, evidence: [] });
    expect(c.knowledge).toBe(0.5);
    expect(c.score).toBe(50);
    expect(c.courseRate).toBeNull();
    expect(c.attendanceRate).toBeNull();
    expect(c.formulaVersion).toBe(FORMULA_VERSION);
  });

  it('one right answer cannot make 100: acceptance (1+1)/(1+2) = 0.6667, score (4×0.5+0.6667)/5 = 53.33', () => {
    const c = computeCapability({ ...base, evidence: [ev('acceptance', 1)] });
    expect(c.dimensions.acceptance.mastery).toBeCloseTo(2 / 3, 10);
    expect(c.dimensions.acceptance.count).toBe(1);
    expect(c.score).toBeCloseTo(53.3333, 3);
    // even the hardest question (weight 2) answered today: (2+1)/(2+2) = 0.75
    expect(computeCapability({ ...base, evidence: [ev('order', 1, 3)] }).dimensions.order.mastery).toBe(0.75);
  });

  it('recency and difficulty: a difficulty-3 answer 180 days old weighs 0.5 × 2 = 1', () => {
    expect(evidenceWeight({ difficulty: 3, finishedAt: daysAgo(180) }, asOf)).toBeCloseTo(1, 12);
    expect(evidenceWeight({ difficulty: 2, finishedAt: daysAgo(360) }, asOf)).toBeCloseTo(0.375, 12);
    const old = computeCapability({ ...base, evidence: [ev('handling', 1, 3, 180)] });
    expect(old.dimensions.handling.mastery).toBeCloseTo(2 / 3, 10);
  });

  it('a recent wrong answer counts more than an old right one', () => {
    const c = computeCapability({
      ...base,
      evidence: [ev('prevention', 1, 1, 360), ev('prevention', 0, 1, 0)],
    });
    // weights 0.25 and 1: (0.25 + 1) / (1.25 + 2) = 0.3846
    expect(c.dimensions.prevention.mastery).toBeCloseTo(1.25 / 3.25, 10);
  });

  it('ten right answers: (10+1)/(10+2) = 0.9167; partial credit counts as its fraction', () => {
    const ten = computeCapability({ ...base, evidence: Array.from({ length: 10 }, () => ev('handling', 1)) });
    expect(ten.dimensions.handling.mastery).toBeCloseTo(11 / 12, 10);
    const half = computeCapability({ ...base, evidence: [ev('handling', 0.5)] });
    expect(half.dimensions.handling.mastery).toBeCloseTo(1.5 / 3, 10);
  });

  it('all three components: 0.6×0.5333 + 0.25×0.5 + 0.15×(1.75/3) = 53.25', () => {
    const c = computeCapability({
      evidence: [ev('acceptance', 1)],
      coursesRequired: 2,
      coursesDone: 1,
      attendance: ['present', 'late', 'excused', 'absent'],
      asOf,
    });
    expect(c.courseRate).toBe(0.5);
    expect(c.attendanceCount).toBe(3);
    expect(c.attendanceRate).toBeCloseTo(1.75 / 3, 12);
    expect(c.score).toBeCloseTo(53.25, 10);
  });

  it('components that do not apply are left out, not counted as zero', () => {
    expect(overall(0.8, null, null)).toBeCloseTo(80, 10);
    expect(overall(0.8, 1, null)).toBeCloseTo((100 * (0.48 + 0.25)) / 0.85, 10);
  });

  it('evidence after asOf and unknown dimensions are ignored', () => {
    const c = computeCapability({ ...base, evidence: [ev('order', 1, 1, -1), ev('nonsense', 1)] });
    expect(c.score).toBe(50);
  });

  it('the explanation adds up to the score', () => {
    const c = computeCapability({
      evidence: [ev('acceptance', 1)],
      coursesRequired: 2,
      coursesDone: 1,
      attendance: ['present'],
      asOf,
    });
    const e = explain({ ...c, coursesRequired: 2, coursesDone: 1 });
    const total = e.components.reduce((s, x) => s + x.contribution, 0);
    expect(total).toBeCloseTo(c.score, 1);
    expect(e.dimensions.acceptance.questions).toBe(1);
  });
});
