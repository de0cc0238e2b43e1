import { analyseItems, type AnalysedAttempt } from './item-analysis';

/**
 * Hand-computed example: four attempts, four items (1 = right).
 *        W X Y Z  total  score
 *   A1   1 1 1 0    3     75
 *   A2   1 1 0 0    2     50
 *   A3   1 0 0 1    2     50
 *   A4   0 0 0 1    1     25
 * Facility: W .75, X .5, Y .25, Z .5. k = round(.27 × 4) = 1: upper A1, lower A4, so
 * D(W) = 1 − 0 = 1, D(X) = 1, D(Y) = 1, D(Z) = 0 − 1 = −1.
 * Rest scores and Pearson r (deviations worked by hand):
 *   W: credit 1,1,1,0 vs rest 2,1,1,1 → cov .25, var .75 and .75 → r = 1/3
 *   X: credit 1,1,0,0 vs rest 2,1,2,1 → cov 0 → r = 0
 *   Y: credit 1,0,0,0 vs rest 2,2,2,1 → cov .25, var .75 and .75 → r = 1/3
 *   Z: credit 0,0,1,1 vs rest 3,2,1,0 → cov −2, var 1 and 5 → r = −2/√5 = −0.894
 */
const attempt = (id: string, credits: number[]): AnalysedAttempt => ({
  id,
  score: (credits.reduce((a, b) => a + b, 0) / credits.length) * 100,
  items: ['W', 'X', 'Y', 'Z'].map((key, i) => ({ key, credit: credits[i] })),
});

describe('analyseItems', () => {
  const figures = analyseItems([
    attempt('A1', [1, 1, 1, 0]),
    attempt('A2', [1, 1, 0, 0]),
    attempt('A3', [1, 0, 0, 1]),
    attempt('A4', [0, 0, 0, 1]),
  ]);
  const of = (key: string) => figures.find((f) => f.key === key)!;

  it('should match the hand-computed facility, upper-lower discrimination and point-biserial', () => {
    expect(of('W')).toMatchObject({ responses: 4, facility: 0.75, discrimination: 1, pointBiserial: 0.333 });
    expect(of('X')).toMatchObject({ facility: 0.5, discrimination: 1, pointBiserial: 0 });
    expect(of('Y')).toMatchObject({ facility: 0.25, discrimination: 1, pointBiserial: 0.333 });
    expect(of('Z')).toMatchObject({ facility: 0.5, discrimination: -1, pointBiserial: -0.894 });
  });

  it('should flag negative discrimination, too easy, too hard and few responses', () => {
    expect(of('Z').flags).toEqual(['negative_discrimination', 'few_responses']);
    expect(of('W').flags).toEqual(['few_responses']);
    const easy = analyseItems(Array.from({ length: 20 }, (_, i) => attempt(`E${i}`, [1, 1, 1, i % 2])));
    expect(easy.find((f) => f.key === 'W')).toMatchObject({
      facility: 1,
      pointBiserial: null,
      flags: ['too_easy'],
    });
    expect(easy.find((f) => f.key === 'Z')!.flags).toEqual([]);
    const hard = analyseItems(Array.from({ length: 20 }, (_, i) => attempt(`H${i}`, [0, i % 2, 1, 1])));
    expect(hard.find((f) => f.key === 'W')!.flags).toEqual(['too_hard']);
  });
});
