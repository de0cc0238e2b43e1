import { requirementRowsSql } from '../../assignments/assignment-members.sql';
import { learnerRolesSql } from '../../assignments/learners';
import { inUnitSubtree, inUnitSubtreeOf } from '../../database/sql/unit-subtree';

/**
 * Set-based SQL of the learning report. Per learner: requirements (one per course, see
 * requirementRowsSql) counted by status, and the 学时 earned in the year. Parameters: membership
 * params, `:now`, `:graceCutoff`, `:scopePrefix` (the report unit's path + '%'), `:from`, `:to`, `:no`.
 */
export const perLearnerCountsSql = (): string =>
  `SELECT s."userId", COUNT(*) AS "assigned",` +
  ` SUM(CASE WHEN s."status" = 'pending' THEN 1 ELSE 0 END) AS "pending",` +
  ` SUM(CASE WHEN s."status" = 'completed' THEN 1 ELSE 0 END) AS "completed",` +
  ` SUM(CASE WHEN s."status" = 'overdue' THEN 1 ELSE 0 END) AS "overdue"` +
  ` FROM (${requirementRowsSql({ scoped: true })}) s GROUP BY s."userId"`;

export const perLearnerHoursSql = `SELECT ce."userId", SUM(ce."hours") AS "hours" FROM credit_entries ce
  WHERE ce."earnedAt" >= :from AND ce."earnedAt" < :to GROUP BY ce."userId"`;

/** Learners (enabled officers) with their counts and hours; `where` filters users `u` / units `un`. */
export const learnerRowsSql = (where: string): string =>
  `SELECT u."id" AS "userId", u."username", u."name", u."unitId", un."name" AS "unitName", un."path" AS "unitPath",
     COALESCE(pc."assigned", 0) AS "assigned", COALESCE(pc."pending", 0) AS "pending",
     COALESCE(pc."completed", 0) AS "completed", COALESCE(pc."overdue", 0) AS "overdue", COALESCE(ph."hours", 0) AS "hours"
   FROM users u JOIN units un ON un."id" = u."unitId"
   LEFT JOIN (${perLearnerCountsSql()}) pc ON pc."userId" = u."id"
   LEFT JOIN (${perLearnerHoursSql}) ph ON ph."userId" = u."id"
   WHERE u."disabled" = :no AND u."role" IN ${learnerRolesSql} AND ${inUnitSubtreeOf('un."path"', 'scopePrefix')} AND ${where}`;

const SUMS = `COUNT(l."userId") AS "learners", COALESCE(SUM(l."assigned"), 0) AS "assigned", COALESCE(SUM(l."pending"), 0) AS "pending",
  COALESCE(SUM(l."completed"), 0) AS "completed", COALESCE(SUM(l."overdue"), 0) AS "overdue", COALESCE(SUM(l."hours"), 0) AS "hours"`;

/** One row per unit in `:...unitIds`, counting the unit's own learners (not those below it). */
export const perUnitSql = (): string =>
  `SELECT un."id" AS "unitId", ${SUMS} FROM units un LEFT JOIN (${learnerRowsSql('1 = 1')}) l ON l."unitId" = un."id"
   WHERE un."id" IN (:...unitIds) GROUP BY un."id"`;

/** One row per unit in `:...unitIds`, counting the learners of the unit and every unit below it. */
export const perSubtreeSql = (): string =>
  `SELECT un."id" AS "unitId", ${SUMS} FROM units un LEFT JOIN (${learnerRowsSql('1 = 1')}) l ON ${inUnitSubtree('l."unitPath"', 'un."path"')}
   WHERE un."id" IN (:...unitIds) GROUP BY un."id"`;
