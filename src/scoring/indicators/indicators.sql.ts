import { DIMENSIONS } from '../model/capability-model';
import { inUnitSubtree } from '../../database/sql/unit-subtree';
import { officersInPeriodSql, wasMemberAtSql } from '../../units/membership/officers-in-period.sql';
import type { SqlDialect } from '../sql-dialect';
import { capabilitySource, type ScoreSource } from '../period-end-scores.sql';
import type { IndicatorRow } from './indicators.service';

/**
 * The platform indicators of one unit (own unit or its subtree) and period, as ONE set-based SELECT.
 * Parameters: :no, :yes, :start, :end, :now, :memberAt (memberAtOf), :yearStart, :hoursRequired and :unitId (own) or :prefix (subtree)
 * (+ :scoreMonth when the capability figures are the period end's, `scoreSource` 'periodEnd').
 * Every rate returns numerator and denominator so a reader can check it.
 */
export function unitIndicatorsSql(scope: 'own' | 'subtree', scoreSource: ScoreSource = 'live'): string {
  // The unit's officers for the period, by the membership history at :memberAt (one rule, one place).
  const officers = `SELECT ou."id" FROM (${officersInPeriodSql(scope)}) ou`;
  const inP = (col: string) => `${col} >= :start AND ${col} < :end`;
  const attended = `('present', 'late', 'left_early')`;
  const counted = `('present', 'late', 'left_early', 'absent')`;
  const covered =
    `SELECT COUNT(*) FROM (${officers}) o WHERE` +
    ` EXISTS (SELECT 1 FROM course_completions c WHERE c."userId" = o."id" AND ${inP('c."completedAt"')})` +
    ` OR EXISTS (SELECT 1 FROM quiz_attempts qa WHERE qa."userId" = o."id" AND qa."state" = 'finished' AND ${inP('qa."finishedAt"')})` +
    ` OR EXISTS (SELECT 1 FROM session_enrolments se JOIN training_sessions ts ON ts."id" = se."sessionId"` +
    ` WHERE se."userId" = o."id" AND se."attendance" IN ${attended} AND ${inP('ts."startsAt"')})`;
  const enrol = (status: string) =>
    `SELECT COUNT(*) FROM session_enrolments se JOIN training_sessions ts ON ts."id" = se."sessionId"` +
    ` WHERE se."userId" IN (${officers}) AND se."finalisedAt" IS NOT NULL AND se."attendance" IN ${status} AND ${inP('ts."startsAt"')}`;
  // (officer, quiz) pairs of one kind: course quizzes and standalone exams (the annual exam) apart.
  const ofKind = (kind: 'course' | 'exam') =>
    `qa."quizId" IN (SELECT q."id" FROM quizzes q WHERE q."kind" = '${kind}')`;
  const pairs = (kind: 'course' | 'exam') =>
    `SELECT DISTINCT qa."userId", qa."quizId" FROM quiz_attempts qa WHERE qa."userId" IN (${officers}) AND qa."state" = 'finished' AND ${inP('qa."finishedAt"')} AND ${ofKind(kind)}`;
  // One grouped pass over the period's attempts: a pair passed when any of its finished attempts passed.
  // (A per-pair EXISTS over the DISTINCT pairs was planned as a nested scan: minutes at 10,000 officers.)
  const passedPairs = (kind: 'course' | 'exam') =>
    `SELECT COUNT(*) FROM (SELECT qa."userId", qa."quizId", MAX(CASE WHEN qa."passed" = :yes THEN 1 ELSE 0 END) AS "ok" FROM quiz_attempts qa` +
    ` WHERE qa."userId" IN (${officers}) AND qa."state" = 'finished' AND ${inP('qa."finishedAt"')} AND ${ofKind(kind)} GROUP BY qa."userId", qa."quizId") p WHERE p."ok" = 1`;
  // 学时达标率: 学时 from the start of the period's year to the period's end, against the yearly requirement.
  const hoursMet =
    `SELECT COUNT(*) FROM (${officers}) o WHERE (SELECT COALESCE(SUM(ce."hours"), 0) FROM credit_entries ce` +
    ` WHERE ce."userId" = o."id" AND ce."earnedAt" >= :yearStart AND ce."earnedAt" < :end) >= CAST(:hoursRequired AS double precision)`;
  const member =
    `SELECT DISTINCT t."assignmentId", cu."id" AS "userId" FROM assignment_targets t JOIN users cu ON` +
    ` ((t."kind" = 'user' AND cu."id" = t."userId")` +
    ` OR (t."kind" = 'role' AND cu."role" = t."role")` +
    ` OR (t."kind" = 'unit' AND (t."role" IS NULL OR cu."role" = t."role") AND (cu."unitId" = t."unitId"` +
    ` OR (t."includeSubtree" = :yes AND EXISTS (SELECT 1 FROM units tu JOIN units uu ON ${inUnitSubtree('uu."path"', 'tu."path"')} WHERE tu."id" = t."unitId" AND uu."id" = cu."unitId")))))` +
    ` WHERE cu."id" IN (${officers})`;
  const due =
    `SELECT m."userId", a."courseId", a."dueAt" FROM (${member}) m JOIN assignments a ON a."id" = m."assignmentId" WHERE ${inP('a."dueAt"')} AND a."dueAt" <= :now` +
    // due before the officer joined (or while disabled): never counted against them
    ` AND ${wasMemberAtSql('m."userId"', 'a."dueAt"')}`;
  const onTime =
    `SELECT COUNT(*) FROM (${due}) d WHERE EXISTS (SELECT 1 FROM course_completions cc WHERE cc."userId" = d."userId" AND cc."courseId" = d."courseId"` +
    ` AND cc."completedAt" <= d."dueAt" AND (cc."expiresAt" IS NULL OR cc."expiresAt" > d."dueAt"))`;
  // capability as of the period end (period-end-scores.sql.ts); AVG and COUNT skip 未评定 (NULL)
  const scores = `FROM ${capabilitySource(scoreSource)} cs WHERE cs."userId" IN (${officers})`;
  const dims = DIMENSIONS.map((d) => `(SELECT AVG(100.0 * cs."${d}Mastery") ${scores}) AS "dim_${d}"`).join(
    ', ',
  );
  return (
    `SELECT (SELECT COUNT(*) FROM (${officers}) o) AS "officers", (${covered}) AS "covered",` +
    ` (${enrol(counted)}) AS "sessionSeats", (${enrol(attended)}) AS "sessionAttended",` +
    ` (SELECT COUNT(*) FROM (${pairs('course')}) p) AS "quizPairs", (${passedPairs('course')}) AS "quizPassed",` +
    ` (SELECT COUNT(*) FROM (${pairs('exam')}) p) AS "examPairs", (${passedPairs('exam')}) AS "examPassed", (${hoursMet}) AS "hoursMet",` +
    ` (SELECT COUNT(*) FROM (${due}) d) AS "due", (${onTime}) AS "dueOnTime",` +
    ` (SELECT COALESCE(SUM(ce."hours"), 0) FROM credit_entries ce WHERE ce."userId" IN (${officers}) AND ${inP('ce."earnedAt"')}) AS "hours",` +
    ` (SELECT COUNT(cs."score") ${scores}) AS "scored", (SELECT AVG(cs."score") ${scores}) AS "scoreAvg",` +
    ` (SELECT COUNT(*) ${scores} AND cs."meetsTarget" = :yes) AS "scoreMet", ${dims}`
  );
}

/** Upserts a batch of indicator rows into indicator_values with their basis, all computed at `now` (one statement per batch). */
export function indicatorValuesUpsert(
  rows: IndicatorRow[],
  d: SqlDialect,
  now: Date,
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { at: d.time(now) };
  const values = rows.map((r, j) => {
    Object.assign(params, {
      [`u${j}`]: r.unitId,
      [`p${j}`]: r.period,
      [`s${j}`]: r.scope,
      [`c${j}`]: r.code,
      [`a${j}`]: r.actual,
      [`t${j}`]: r.target,
      [`n${j}`]: r.basis?.numerator ?? null,
      [`d${j}`]: r.basis?.denominator ?? null,
    });
    return `(:u${j}, :p${j}, :s${j}, :c${j}, CAST(:a${j} AS double precision), :t${j}, CAST(:n${j} AS double precision), CAST(:d${j} AS double precision), ${d.tsParam('at')})`;
  });
  const sql =
    `INSERT INTO indicator_values ("unitId", "period", "scope", "code", "actual", "target", "numerator", "denominator", "computedAt") VALUES ${values.join(', ')}` +
    ` ON CONFLICT ("unitId", "period", "scope", "code") DO UPDATE SET "actual" = excluded."actual", "target" = excluded."target",` +
    ` "numerator" = excluded."numerator", "denominator" = excluded."denominator", "computedAt" = excluded."computedAt"`;
  return { sql, params };
}
