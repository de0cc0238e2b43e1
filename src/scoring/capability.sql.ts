import { DIMENSIONS, FORMULA_VERSION, MODEL } from './model/capability-model';
import { newerEvidenceOnly } from './score-watermark';
import type { SqlDialect } from './sql-dialect';
import { inUnitSubtree } from '../database/sql/unit-subtree';

/**
 * Set-based SQL of the scoring. The evidence expansion and the participation sums (courses,
 * attendance) serve model cap-2 (cap2.sql.ts); scoreOfficersSql is model cap-1.0, kept as history
 * and as the benchmark's baseline (model/capability-model.ts is its definition). One statement expands quiz
 * results into scoring_evidence, one statement scores every officer of a filter (all, one officer, or
 * an id range of a chunk) with an upsert. Both are idempotent: re-running recomputes from the source.
 */
export type OfficerFilter = { kind: 'all' } | { kind: 'user' } | { kind: 'range' };

/**
 * quiz_attempts.results (credit per question, in paper order) joined with paper (the drawn version),
 * one row per answered question: one officer's attempts (`:userId`), or the not yet expanded
 * attempts of an id range (`:fromId`, `:toId`) or of everyone.
 */
export function expandEvidenceSql(d: SqlDialect, mode: 'user' | 'range' | 'all'): string {
  const cols = `("attemptId", "questionId", "versionId", "userId", "dimension", "difficulty", "credit", "finishedAt", "finishedDay")`;
  // One officer: re-read all their attempts (cheap). Everyone: only attempts not expanded yet, since a
  // finished attempt's results never change (grading is fixed on the drawn versions).
  const filter =
    `a."state" = 'finished' AND a."results" IS NOT NULL` +
    (mode === 'user'
      ? ` AND a."userId" = :userId`
      : (mode === 'range' ? ` AND a."userId" >= :fromId AND a."userId" <= :toId` : '') +
        ` AND NOT EXISTS (SELECT 1 FROM scoring_evidence x WHERE x."attemptId" = a."id")`);
  const upsert = ` ON CONFLICT ("attemptId", "questionId") DO UPDATE SET "credit" = excluded."credit", "dimension" = excluded."dimension", "difficulty" = excluded."difficulty", "versionId" = excluded."versionId", "finishedAt" = excluded."finishedAt", "finishedDay" = excluded."finishedDay"`;
  if (d.postgres) {
    return (
      `INSERT INTO scoring_evidence ${cols}` +
      ` SELECT a."id", r.value->>'q', p.value->>'v', a."userId", qv."dimension", qv."difficulty", CAST(r.value->>'credit' AS double precision), a."finishedAt", ${d.dayNumber('a."finishedAt"')}` +
      ` FROM quiz_attempts a` +
      ` CROSS JOIN LATERAL jsonb_array_elements(CAST(a."results" AS jsonb)) WITH ORDINALITY AS r(value, idx)` +
      ` JOIN LATERAL jsonb_array_elements(CAST(a."paper" AS jsonb)) WITH ORDINALITY AS p(value, idx) ON p.idx = r.idx` +
      ` JOIN question_versions qv ON qv."id" = p.value->>'v'` +
      ` WHERE ${filter}${upsert}`
    );
  }
  return (
    `INSERT INTO scoring_evidence ${cols}` +
    ` SELECT a."id", json_extract(r.value, '$.q'), json_extract(p.value, '$.v'), a."userId", qv."dimension", qv."difficulty", json_extract(r.value, '$.credit'), a."finishedAt", ${d.dayNumber('a."finishedAt"')}` +
    ` FROM quiz_attempts a, json_each(a."results") r` +
    ` JOIN json_each(a."paper") p ON p.key = r.key` +
    ` JOIN question_versions qv ON qv."id" = json_extract(p.value, '$.v')` +
    ` WHERE ${filter}${upsert}`
  );
}

export const officerWhere = (f: OfficerFilter, alias: string) =>
  `${alias}."role" = 'officer' AND ${alias}."disabled" = :no` +
  (f.kind === 'user'
    ? ` AND ${alias}."id" = :userId`
    : f.kind === 'range'
      ? ` AND ${alias}."id" >= :fromId AND ${alias}."id" <= :toId`
      : '');

/** The officer filter applied straight to a table's "userId" (no join: non-officers drop out at the outer join). */
export const userIdWhere = (f: OfficerFilter, column: string) =>
  f.kind === 'user'
    ? ` AND ${column} = :userId`
    : f.kind === 'range'
      ? ` AND ${column} >= :fromId AND ${column} <= :toId`
      : '';

/**
 * Per officer: Σw, Σw·credit and count per dimension (evidence up to :asOf). Summed per (officer,
 * dimension) first, then pivoted, so the CASEs run once per group rather than once per answer.
 */
function evidenceSums(f: OfficerFilter): string {
  const w = `(POWER(0.5, (:asOfDay - e."finishedDay") / ${MODEL.halfLifeDays}.0) * (1 + ${MODEL.difficultyStep} * (e."difficulty" - 1)))`;
  const grouped =
    `SELECT e."userId", e."dimension", SUM(${w}) AS w, SUM(${w} * e."credit") AS wc, COUNT(*) AS n FROM scoring_evidence e` +
    ` WHERE e."finishedAt" <= :asOf${userIdWhere(f, 'e."userId"')} GROUP BY e."userId", e."dimension"`;
  const per = DIMENSIONS.map(
    (dim) =>
      `SUM(CASE WHEN g."dimension" = '${dim}' THEN g.w ELSE 0 END) AS "${dim}W",` +
      ` SUM(CASE WHEN g."dimension" = '${dim}' THEN g.wc ELSE 0 END) AS "${dim}WC",` +
      ` SUM(CASE WHEN g."dimension" = '${dim}' THEN g.n ELSE 0 END) AS "${dim}N"`,
  ).join(', ');
  return `SELECT g."userId", ${per} FROM (${grouped}) g GROUP BY g."userId"`;
}

/** Per officer: distinct assigned courses and how many have a completion valid at :asOf. */
export function courseSums(f: OfficerFilter): string {
  const member =
    `SELECT t."assignmentId", cu."id" AS "userId" FROM assignment_targets t JOIN users cu ON` +
    ` ((t."kind" = 'user' AND cu."id" = t."userId")` +
    ` OR (t."kind" = 'role' AND cu."role" = t."role")` +
    ` OR (t."kind" = 'unit' AND (t."role" IS NULL OR cu."role" = t."role") AND (cu."unitId" = t."unitId"` +
    ` OR (t."includeSubtree" = :yes AND EXISTS (SELECT 1 FROM units tu JOIN units uu ON ${inUnitSubtree('uu."path"', 'tu."path"')} WHERE tu."id" = t."unitId" AND uu."id" = cu."unitId")))))` +
    ` WHERE ${officerWhere(f, 'cu')}`;
  const required = `SELECT DISTINCT m."userId", a."courseId" FROM (${member}) m JOIN assignments a ON a."id" = m."assignmentId" AND a."cancelledAt" IS NULL`;
  return (
    `SELECT r."userId", COUNT(*) AS "required",` +
    ` SUM(CASE WHEN EXISTS (SELECT 1 FROM course_completions cc WHERE cc."userId" = r."userId" AND cc."courseId" = r."courseId"` +
    ` AND cc."completedAt" <= :asOf AND (cc."expiresAt" IS NULL OR cc."expiresAt" > :asOf)) THEN 1 ELSE 0 END) AS "done"` +
    ` FROM (${required}) r GROUP BY r."userId"`
  );
}

/** Per officer: attendance points and count of finalised, non-excused sessions. */
export function attendanceSums(f: OfficerFilter): string {
  const points = Object.entries(MODEL.attendancePoints)
    .map(([status, p]) => `WHEN '${status}' THEN ${p}`)
    .join(' ');
  const statuses = Object.keys(MODEL.attendancePoints)
    .map((s) => `'${s}'`)
    .join(', ');
  return (
    `SELECT se."userId", SUM(CASE se."attendance" ${points} ELSE 0 END) AS "points", COUNT(*) AS "n" FROM session_enrolments se` +
    ` JOIN users au ON au."id" = se."userId"` +
    ` WHERE se."finalisedAt" IS NOT NULL AND se."finalisedAt" <= :asOf AND se."attendance" IN (${statuses}) AND ${officerWhere(f, 'au')}` +
    ` GROUP BY se."userId"`
  );
}

/** The participation figures a score row stores beside the score (cap-1.0 and cap-2 alike). */
export const PARTICIPATION_COLUMNS = [
  'coursesRequired',
  'coursesDone',
  'courseRate',
  'attendancePoints',
  'attendanceCount',
  'attendanceRate',
] as const;

export const SCORE_COLUMNS = [
  'userId',
  'score',
  'knowledge',
  ...DIMENSIONS.flatMap((d) => [`${d}Mastery`, `${d}Weight`, `${d}Count`]),
  ...PARTICIPATION_COLUMNS,
  'formulaVersion',
  'asOf',
  'computedAt',
];

/** Scores the officers of the filter and upserts capability_scores (never over a row from newer evidence, score-watermark.ts). Parameters: :asOf, :computedAt, :no, :yes (+ :userId | :fromId, :toId). */
export function scoreOfficersSql(d: SqlDialect, f: OfficerFilter): string {
  const P = `${MODEL.priorWeight}.0`;
  const PM = MODEL.priorMean;
  const mastery = (dim: string) =>
    `((COALESCE(ev."${dim}WC", 0) + ${P} * ${PM}) / (COALESCE(ev."${dim}W", 0) + ${P}))`;
  const knowledge = `((${DIMENSIONS.map(mastery).join(' + ')}) / ${DIMENSIONS.length}.0)`;
  const inner =
    `SELECT u."id" AS "userId", ${knowledge} AS "knowledge",` +
    DIMENSIONS.map(
      (dim) =>
        ` ${mastery(dim)} AS "${dim}Mastery", COALESCE(ev."${dim}W", 0) AS "${dim}Weight", COALESCE(ev."${dim}N", 0) AS "${dim}Count",`,
    ).join('') +
    ` COALESCE(cr."required", 0) AS "coursesRequired", COALESCE(cr."done", 0) AS "coursesDone",` +
    ` CASE WHEN cr."required" > 0 THEN 1.0 * cr."done" / cr."required" END AS "courseRate",` +
    ` COALESCE(at."points", 0) AS "attendancePoints", COALESCE(at."n", 0) AS "attendanceCount",` +
    ` CASE WHEN at."n" > 0 THEN 1.0 * at."points" / at."n" END AS "attendanceRate"` +
    ` FROM users u LEFT JOIN (${evidenceSums(f)}) ev ON ev."userId" = u."id"` +
    ` LEFT JOIN (${courseSums(f)}) cr ON cr."userId" = u."id"` +
    ` LEFT JOIN (${attendanceSums(f)}) at ON at."userId" = u."id"` +
    ` WHERE ${officerWhere(f, 'u')}`;
  const w = MODEL.weights;
  const score =
    `(100.0 * (${w.knowledge} * s."knowledge" + COALESCE(${w.courses} * s."courseRate", 0) + COALESCE(${w.attendance} * s."attendanceRate", 0))` +
    ` / (${w.knowledge} + CASE WHEN s."courseRate" IS NULL THEN 0 ELSE ${w.courses} END + CASE WHEN s."attendanceRate" IS NULL THEN 0 ELSE ${w.attendance} END))`;
  const passthrough = SCORE_COLUMNS.filter(
    (c) => !['userId', 'score', 'formulaVersion', 'asOf', 'computedAt'].includes(c),
  );
  const select = `SELECT s."userId", ${score}, ${passthrough.map((c) => `s."${c}"`).join(', ')}, '${FORMULA_VERSION}', ${d.tsParam('asOf')}, ${d.tsParam('computedAt')} FROM (${inner}) s WHERE 1 = 1`;
  const cols = SCORE_COLUMNS.map((c) => `"${c}"`).join(', ');
  const updates = SCORE_COLUMNS.filter((c) => c !== 'userId')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ');
  return `INSERT INTO capability_scores (${cols}) ${select} ON CONFLICT ("userId") DO UPDATE SET ${updates}${newerEvidenceOnly('capability_scores')}`;
}

/** The same per-officer numbers as one plain SELECT (the benchmark's baseline, and a check in tests). */
export function scoreSelectSql(d: SqlDialect, f: OfficerFilter): string {
  const sql = scoreOfficersSql(d, f);
  return sql.slice(sql.indexOf(' SELECT ') + 1, sql.indexOf(' ON CONFLICT'));
}
