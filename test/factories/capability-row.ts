/**
 * A stored cap-2 capability_scores row for hand-computed report fixtures: every dimension rated at
 * `score` with 5 answers and an 80 % interval of ±5, the overall interval ±5 too, so 能力达标 by the
 * model's rule (lower bound ≥ 60, no rated dimension below 50) is met for 70 and 80, not for 50.
 */
export function capabilityRow(userId: string, score: number): Record<string, unknown> {
  const codes = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
  const dims = Object.fromEntries(
    codes.flatMap((d) => [
      [`${d}Mastery`, score / 100],
      [`${d}Weight`, 0],
      [`${d}Count`, 5],
    ]),
  );
  const detail = Object.fromEntries(
    codes.map((d) => [
      d,
      { answers: 5, correct: 4, value: score, lower: score - 5, upper: score + 5, rated: true, reason: null },
    ]),
  );
  return {
    userId,
    score,
    scoreLower: score - 5,
    scoreUpper: score + 5,
    rated: true,
    meetsTarget: score - 5 >= 60,
    knowledge: null,
    ...dims,
    coursesRequired: 0,
    coursesDone: 0,
    courseRate: null,
    attendancePoints: 0,
    attendanceCount: 0,
    attendanceRate: null,
    hours: 0,
    dimensionDetail: JSON.stringify(detail),
    formulaVersion: 'cap-2',
    asOf: new Date(),
    computedAt: new Date(),
  };
}

/**
 * A month-end capability pass as the scoring would store it (capability_period_scores, every
 * dimension at `score`, 能力达标 as capabilityRow's rule) and its marker row (capability_period_ends):
 * the capability figures of a period ending with `month` then read these, not today's scores.
 */
export function periodEndRows(
  month: string,
  scores: ReadonlyArray<readonly [string, number]>,
): { rows: Array<Record<string, unknown>>; end: Record<string, unknown> } {
  const codes = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
  const rows = scores.map(([userId, score]) => ({
    periodEnd: month,
    userId,
    score,
    meetsTarget: score - 5 >= 60,
    ...Object.fromEntries(codes.map((d) => [`${d}Mastery`, score / 100])),
  }));
  const end = { periodEnd: month, asOf: new Date(), computedAt: new Date(), officers: scores.length };
  return { rows, end };
}
