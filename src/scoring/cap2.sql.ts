import {
  attendanceSums,
  courseSums,
  officerWhere,
  PARTICIPATION_COLUMNS,
  userIdWhere,
  type OfficerFilter,
} from './capability.sql';
import { DIMENSIONS } from './model/capability-model';
import type { SqlDialect } from './sql-dialect';
import { newerEvidenceOnly } from './score-watermark';
import { CAP2_FORMULA } from './model/cap2/cap2-model';

/**
 * SQL of model cap-2 (docs/scoring.md). The estimate itself is a posterior on a grid, computed by
 * the pure module in TypeScript (model/cap2/grouped.ts): SQL hands over a chunk's first answers,
 * the items they name and its participation in one statement each, and takes the rows back in multi-row upserts.
 * Parameters: :asOf, :no, :yes (+ :userId | :fromId, :toId).
 */

/**
 * The filter's FIRST answers to each question version up to :asOf (finished quiz attempts only:
 * scoring_evidence holds nothing else), read from idx_scoring_evidence_counted alone ("isFirst" is
 * set when evidence is expanded: first-answers.sql.ts). One row per officer and dimension: the
 * count, Σ ages in days, and the answers as one text, `+<versionId>` right / `-<versionId>` wrong,
 * comma-separated (one row per answer made the driver's row building the main cost of a chunk).
 * Parameters: :asOf, :asOfDay (+ filter).
 */
export function firstAnswersSql(d: SqlDialect, f: OfficerFilter): string {
  const token = `CASE WHEN e."credit" >= 1 THEN '+' ELSE '-' END || e."versionId"`;
  const list = d.postgres ? `string_agg(${token}, ',')` : `group_concat(${token}, ',')`;
  return (
    `SELECT e."userId", e."dimension", COUNT(*) AS "n", SUM(:asOfDay - e."finishedDay") AS "ageDays", ${list} AS "answers"` +
    ` FROM scoring_evidence e WHERE e."isFirst" = 1 AND e."finishedAt" <= :asOf${userIdWhere(f, 'e."userId"')}` +
    ` GROUP BY e."userId", e."dimension"`
  );
}

/** The items those answers name: type, option count, label and the stored calibrated b (NULL: none yet). */
export function itemsSql(d: SqlDialect, f: OfficerFilter): string {
  const options = d.postgres
    ? `json_array_length(CAST(qv."options" AS json))`
    : `json_array_length(qv."options")`;
  const named =
    f.kind === 'all'
      ? ''
      : ` WHERE qv."id" IN (SELECT e."versionId" FROM scoring_evidence e WHERE e."isFirst" = 1${userIdWhere(f, 'e."userId"')})`;
  return (
    `SELECT qv."id", qv."type", ${options} AS "options", qv."difficulty", c."b" FROM question_versions qv` +
    ` LEFT JOIN item_calibrations c ON c."versionId" = qv."id"${named}`
  );
}

/**
 * Calibration input (model/cap2/item-calibration.ts): every first answer of an officer whose
 * dimension has a stored cap-2 ability θ̂ (dimensionDetail.<dim>.theta, rated or not: the rated
 * ones alone are a biased sample, e.g. the officers far below chance), counted per item, θ̂ rounded
 * to 0.1 logit (:bucket → "bucket" × 0.1) and right/wrong. The stored θ̂ are those of the previous
 * run and the events since.
 */
export function calibrationCountsSql(d: SqlDialect): string {
  const theta = (dim: string) =>
    d.postgres
      ? `CAST(CAST(s."dimensionDetail" AS jsonb) -> '${dim}' ->> 'theta' AS double precision)`
      : `json_extract(s."dimensionDetail", '$.${dim}.theta')`;
  const abilities = DIMENSIONS.map(
    (dim) =>
      `SELECT s."userId", '${dim}' AS "dimension", FLOOR(10 * ${theta(dim)} + 0.5) AS "bucket" FROM capability_scores s` +
      ` WHERE s."formulaVersion" = '${CAP2_FORMULA}' AND ${theta(dim)} IS NOT NULL`,
  ).join(' UNION ALL ');
  const correct = `CASE WHEN e."credit" >= 1 THEN 1 ELSE 0 END`;
  return (
    `SELECT e."versionId", t."bucket", ${correct} AS "correct", COUNT(*) AS "n"` +
    ` FROM (${abilities}) t JOIN scoring_evidence e ON e."isFirst" = 1 AND e."userId" = t."userId" AND e."dimension" = t."dimension"` +
    ` GROUP BY e."versionId", t."bucket", ${correct} ORDER BY 1, 2, 3`
  );
}

/** Per officer of the filter: courses, attendance and 学时 up to :asOf (their own figures, not in the score). */
export function participationSql(f: OfficerFilter): string {
  const hours = `SELECT ce."userId", SUM(ce."hours") AS "hours" FROM credit_entries ce WHERE ce."earnedAt" <= :asOf${userIdWhere(f, 'ce."userId"')} GROUP BY ce."userId"`;
  return (
    `SELECT u."id" AS "userId", COALESCE(cr."required", 0) AS "coursesRequired", COALESCE(cr."done", 0) AS "coursesDone",` +
    ` CASE WHEN cr."required" > 0 THEN 1.0 * cr."done" / cr."required" END AS "courseRate",` +
    ` COALESCE(at."points", 0) AS "attendancePoints", COALESCE(at."n", 0) AS "attendanceCount",` +
    ` CASE WHEN at."n" > 0 THEN 1.0 * at."points" / at."n" END AS "attendanceRate", COALESCE(h."hours", 0) AS "hours"` +
    ` FROM users u LEFT JOIN (${courseSums(f)}) cr ON cr."userId" = u."id"` +
    ` LEFT JOIN (${attendanceSums(f)}) at ON at."userId" = u."id"` +
    ` LEFT JOIN (${hours}) h ON h."userId" = u."id"` +
    ` WHERE ${officerWhere(f, 'u')} ORDER BY u."id"`
  );
}

/** The stored columns of a cap-2 row. `knowledge` and the per-dimension weights are cap-1.0's, written NULL / 0. */
export const CAP2_COLUMNS = [
  'userId',
  'score',
  'scoreLower',
  'scoreUpper',
  'rated',
  'meetsTarget',
  'knowledge',
  ...DIMENSIONS.flatMap((d) => [`${d}Mastery`, `${d}Weight`, `${d}Count`]),
  ...PARTICIPATION_COLUMNS,
  'hours',
  'dimensionDetail',
  'formulaVersion',
  'asOf',
  'computedAt',
] as const;
export type Cap2Row = Record<(typeof CAP2_COLUMNS)[number], unknown>;

/** One multi-row upsert of `rows` rows; parameters :c<column index>_<row index>. */
export function upsertRowsSql(rows: number): string {
  const cols = CAP2_COLUMNS.map((c) => `"${c}"`).join(', ');
  const values = Array.from(
    { length: rows },
    (_, r) => `(${CAP2_COLUMNS.map((_c, i) => `:c${i}_${r}`).join(', ')})`,
  ).join(', ');
  const updates = CAP2_COLUMNS.filter((c) => c !== 'userId')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ');
  // never over a row computed from newer evidence (score-watermark.ts)
  return `INSERT INTO capability_scores (${cols}) VALUES ${values} ON CONFLICT ("userId") DO UPDATE SET ${updates}${newerEvidenceOnly('capability_scores')}`;
}

export function upsertParams(rows: readonly Cap2Row[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  rows.forEach((row, r) => CAP2_COLUMNS.forEach((c, i) => (params[`c${i}_${r}`] = row[c])));
  return params;
}
