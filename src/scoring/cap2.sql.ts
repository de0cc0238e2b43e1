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

/**
 * SQL of model cap-2 (docs/scoring.md). The estimate itself is a posterior on a grid, computed by
 * the pure module in TypeScript (model/cap2/grouped.ts): SQL hands over a chunk's first answers,
 * grouped, and its participation in one statement each, and takes the rows back in multi-row upserts.
 * Parameters: :asOf, :no, :yes (+ :userId | :fromId, :toId).
 */

/**
 * The filter's FIRST answers to each question version up to :asOf (finished quiz attempts only:
 * scoring_evidence holds nothing else; ties on time broken by attempt id), grouped per officer,
 * dimension, item type, option count, label and right/wrong, with Σ answer day numbers for the age.
 * Parameters: :asOf, :asOfDay (+ filter).
 */
export function evidenceGroupsSql(d: SqlDialect, f: OfficerFilter): string {
  // first answers from scoring_evidence alone (idx_scoring_evidence_first: no sort), then the item's type and options
  const first =
    `SELECT e."userId", e."versionId", e."dimension", e."credit", e."finishedDay",` +
    ` ROW_NUMBER() OVER (PARTITION BY e."userId", e."versionId" ORDER BY e."finishedAt", e."attemptId") AS "rn"` +
    ` FROM scoring_evidence e WHERE e."finishedAt" <= :asOf${userIdWhere(f, 'e."userId"')}`;
  const options = d.postgres
    ? `json_array_length(CAST(qv."options" AS json))`
    : `json_array_length(qv."options")`;
  const items =
    `SELECT g."userId", g."dimension", qv."type", ${options} AS "options", qv."difficulty", CASE WHEN g."credit" >= 1 THEN 1 ELSE 0 END AS "correct", g."finishedDay"` +
    ` FROM (${first}) g JOIN question_versions qv ON qv."id" = g."versionId" WHERE g."rn" = 1`;
  const keys = `i."userId", i."dimension", i."type", i."options", i."difficulty", i."correct"`;
  // a fixed order: the posterior is a product, and the last digits must not depend on the plan
  return `SELECT ${keys}, COUNT(*) AS "n", SUM(:asOfDay - i."finishedDay") AS "ageDays" FROM (${items}) i GROUP BY ${keys} ORDER BY ${keys}`;
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
