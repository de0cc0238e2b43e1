import type { AppConfig } from '../config/app-config';
import { cap2Rows } from './cap2-scoring';
import { reasonText } from './capability-view';
import { targetRuleOf, targetRuleText } from './target-rule';
import { weakArticlesByDimension } from './weak-articles.sql';

/** First answers as firstAnswersSql returns them: n single-choice answers of label 2 in one dimension. */
const group = (dimension: string, n: number, correct: boolean) => ({
  userId: 'u1',
  dimension,
  n,
  ageDays: 0,
  answers: Array.from({ length: n }, (_, i) => `${correct ? '+' : '-'}${dimension}-v${i}`).join(','),
});
/** The items those answers name: uncalibrated, so b is label 2's prior mean (0). */
const items = new Map(
  ['prevention', 'acceptance', 'handling'].flatMap((d) =>
    Array.from(
      { length: 5 },
      (_, i) => [`${d}-v${i}`, { type: 'single' as const, options: 4, label: 2, b: 0 }] as const,
    ),
  ),
);
const participation = [
  { userId: 'u1', coursesRequired: 0, coursesDone: 0, attendancePoints: 0, attendanceCount: 0, hours: 0 },
];
const stamp = { asOf: new Date(0), computedAt: new Date(0) };
// 5 right answers in each of three dimensions: score 82.9, overall 80 % interval ≈ 71.4–94.4, every dimension 82.9
const allRight = ['prevention', 'acceptance', 'handling'].map((d) => group(d, 5, true));

describe('能力达标 with the configured pass mark', () => {
  it('the same evidence is 达标 at the default 60 and at 70, not at a pass mark of 75', () => {
    const [at60] = cap2Rows(participation, allRight, items, {}, stamp);
    expect(at60.scoreLower).toBeGreaterThan(71);
    expect(at60.scoreLower).toBeLessThan(72);
    expect(at60.meetsTarget).toBe(true);
    expect(cap2Rows(participation, allRight, items, { passMark: 70 }, stamp)[0].meetsTarget).toBe(true);
    expect(cap2Rows(participation, allRight, items, { passMark: 75 }, stamp)[0].meetsTarget).toBe(false);
  });

  it('the dimension floor is configurable too: a floor above a rated dimension fails 达标', () => {
    expect(cap2Rows(participation, allRight, items, { dimensionFloor: 82 }, stamp)[0].meetsTarget).toBe(true);
    expect(cap2Rows(participation, allRight, items, { dimensionFloor: 83 }, stamp)[0].meetsTarget).toBe(
      false,
    );
  });

  it('reads CAPABILITY_PASS_MARK and CAPABILITY_DIMENSION_FLOOR and states the rule with those numbers', () => {
    const env: Record<string, number> = { CAPABILITY_PASS_MARK: 70, CAPABILITY_DIMENSION_FLOOR: 45 };
    const rule = targetRuleOf({ get: (k: string) => env[k] } as unknown as AppConfig);
    expect(rule).toEqual({ passMark: 70, dimensionFloor: 45, minRatedDimensions: 3 });
    expect(targetRuleText(rule)).toBe(
      '达标规则：总分 80% 区间下限 ≥ 70，且已评定维度均不低于 45；至少 3 个维度已评定才有总分。',
    );
  });
});

describe('the breakdown', () => {
  it('orders a dimension’s weak articles by wrong answers, then share wrong, then number, at most 3', () => {
    const rows = [
      { dimension: 'prevention', articleNo: 22, wrong: 1, answered: 4 },
      { dimension: 'prevention', articleNo: 9, wrong: 3, answered: 3 },
      { dimension: 'prevention', articleNo: 14, wrong: 1, answered: 1 },
      { dimension: 'prevention', articleNo: 30, wrong: 1, answered: 1 },
      { dimension: 'order', articleNo: '5', wrong: '2', answered: '2' }, // PostgreSQL counts arrive as strings
    ];
    const by = weakArticlesByDimension(rows);
    expect(by.get('prevention')).toEqual([
      { article: 9, wrong: 3, answered: 3 },
      { article: 14, wrong: 1, answered: 1 },
      { article: 30, wrong: 1, answered: 1 },
    ]);
    expect(by.get('order')).toEqual([{ article: 5, wrong: 2, answered: 2 }]);
    expect(by.get('handling')).toBeUndefined();
  });

  it('says how many more answers an unrated dimension needs', () => {
    expect(reasonText('too_few_answers', 1, 5)).toBe('已计入 1 题，还需 4 道题才能评定（至少 5 题）');
    expect(reasonText('too_few_answers', 0, 5)).toMatch(/还需 5 道题/);
    expect(reasonText('too_few_answers', 6, 5)).toMatch(/下次计算后评定/);
    expect(reasonText('too_uncertain', 8, 5)).toMatch(/区间宽于 40 分/);
    expect(reasonText(null, 8, 5)).toBeNull();
  });
});
