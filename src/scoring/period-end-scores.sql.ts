import { DIMENSIONS } from './model/capability-model';

/**
 * SQL of the period-end capability snapshot (docs/scoring.md "Capability as of a period end").
 * capability_period_scores holds, per month end ("periodEnd" = that month's code), every officer's
 * cap-2 estimate from the evidence up to the end. Readers take `capabilitySource(...)` as the `cs`
 * relation in place of capability_scores: the live scores for a running period, the month-end rows
 * (parameter :scoreMonth) for an ended one. An officer without a row is 未评定 (NULL), as in the live table.
 */
export type ScoreSource = 'live' | 'periodEnd';

export const PERIOD_SCORE_COLUMNS = [
  'periodEnd',
  'userId',
  'score',
  'meetsTarget',
  ...DIMENSIONS.map((d) => `${d}Mastery`),
] as const;

/** The relation to read capability figures from, with the columns both tables share. */
export function capabilitySource(source: ScoreSource): string {
  if (source === 'live') return 'capability_scores';
  const cols = PERIOD_SCORE_COLUMNS.filter((c) => c !== 'periodEnd')
    .map((c) => `p."${c}"`)
    .join(', ');
  return `(SELECT ${cols} FROM capability_period_scores p WHERE p."periodEnd" = :scoreMonth)`;
}

/** One multi-row INSERT of `rows` rows; parameters :p<column index>_<row index>. */
export function insertPeriodScoresSql(rows: number): string {
  const cols = PERIOD_SCORE_COLUMNS.map((c) => `"${c}"`).join(', ');
  const values = Array.from(
    { length: rows },
    (_, r) => `(${PERIOD_SCORE_COLUMNS.map((_c, i) => `:p${i}_${r}`).join(', ')})`,
  ).join(', ');
  return `INSERT INTO capability_period_scores (${cols}) VALUES ${values}`;
}

/** Mean score per month end of :...months for the officers of `officers` (a SELECT of ids): the trend. */
export const monthEndMeansSql = (officers: string): string =>
  `SELECT p."periodEnd", AVG(p."score") AS "value", COUNT(p."score") AS "scored" FROM capability_period_scores p` +
  ` WHERE p."periodEnd" IN (:...months) AND p."userId" IN (${officers}) GROUP BY p."periodEnd"`;
