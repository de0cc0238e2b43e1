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
