import { targetMembersSql } from '../database/sql/target-members.sql';
import {
  lastExpiredAtSql,
  lessonsReadSql,
  lessonsTotalSql,
  validCompletionSql,
} from '../completions/progress-sql';
import { joinedAfterDueSql, statusSql } from './assignment-status';
import { learnerRolesSql } from './learners';
import { inUnitSubtreeOf } from '../database/sql/unit-subtree';
import { wasMemberAtSql } from '../units/membership/officers-in-period.sql';

/**
 * Who an assignment is for, computed from its targets on every read (so membership follows the
 * organisation as it changes). One SELECT per target kind, joined by UNION (which also removes
 * duplicates when several targets reach the same officer). Disabled users and users who are not
 * learners (see learners.ts) are never members.
 * Parameters: `:mNo`, `:mYes` (booleans), and `:...mAssignmentIds` / `:mUserId` when filtered.
 */
export interface MembershipFilter {
  assignmentIds?: string[];
  userId?: string;
  /** Only assignments that are not cancelled. */
  activeOnly?: boolean;
  /** Only assignments of the same courses as `assignmentIds` (instead of those assignments alone). */
  sameCourses?: boolean;
}

export function membershipSql(f: MembershipFilter): string {
  const assignmentFilter = f.assignmentIds
    ? f.sameCourses
      ? `t."assignmentId" IN (SELECT a_c."id" FROM assignments a_c WHERE a_c."courseId" IN (SELECT a_o."courseId" FROM assignments a_o WHERE a_o."id" IN (:...mAssignmentIds)))`
      : `t."assignmentId" IN (:...mAssignmentIds)`
    : null;
  const where = [
    `u."disabled" = :mNo`,
    `u."role" IN ${learnerRolesSql}`,
    ...(assignmentFilter ? [assignmentFilter] : []),
    ...(f.activeOnly
      ? [`t."assignmentId" IN (SELECT a_a."id" FROM assignments a_a WHERE a_a."cancelledAt" IS NULL)`]
      : []),
    ...(f.userId ? [`u."id" = :mUserId`] : []),
  ].join(' AND ');
  return targetMembersSql({
    table: 'assignment_targets',
    ownerColumn: 'assignmentId',
    where,
    yes: 'mYes',
    no: 'mNo',
  });
}

export const membershipParams = (f: MembershipFilter) => ({
  mNo: false,
  mYes: true,
  ...(f.assignmentIds ? { mAssignmentIds: f.assignmentIds } : {}),
  ...(f.userId ? { mUserId: f.userId } : {}),
});

/**
 * One learner has at most one requirement per course: every active assignment of the course that
 * reaches them merges into it, and the earliest due date wins, except that a due date which passed
 * before the learner joined yields to a later one that binds them (statusSql). One row per
 * (userId, courseId) with "dueAt" and "assignments" (how many merged).
 */
export function requirementDueSql(f: MembershipFilter): string {
  const binding = `MIN(CASE WHEN ${wasMemberAtSql('rm."userId"', 'ra."dueAt"', 'rd_wm')} THEN ra."dueAt" END)`;
  return (
    `SELECT rm."userId", ra."courseId", COALESCE(${binding}, MIN(ra."dueAt")) AS "dueAt", COUNT(*) AS "assignments"` +
    ` FROM (${membershipSql({ ...f, activeOnly: true })}) rm JOIN assignments ra ON ra."id" = rm."assignmentId"` +
    ` GROUP BY rm."userId", ra."courseId"`
  );
}

export interface MemberRowsOptions extends MembershipFilter {
  /** Only members whose unit path starts with this (a manager's subtree). */
  scopePrefix?: string | null;
  /** Add officer, unit and progress columns (reports that only count leave them out). */
  detail?: boolean;
}

const detailColumns = (user: string, course: string) =>
  `, c."title" AS "courseTitle", u."username", u."name" AS "officerName", u."unitId", un."name" AS "unitName",` +
  ` ${validCompletionSql(user, course, 'expiresAt')} AS "validUntil",` +
  ` ${lessonsReadSql(user, course)} AS "lessonsRead", ${lessonsTotalSql(course)} AS "lessonsTotal"`;

/**
 * One row per (assignment, member) with "status" (see assignment-status.ts). "dueAt" is the member's
 * merged requirement due date (the earliest among the active assignments of the course that reach
 * them), "ownDueAt" the assignment's own, "joinedAfterDue" 1 when that due date passed before they
 * joined (never overdue, see statusSql). Parameters: membershipParams plus `:now`, `:graceCutoff`
 * and `:scopePrefix` when scoped.
 */
export function memberRowsSql(o: MemberRowsOptions): string {
  const user = 'm."userId"';
  const course = 'a."courseId"';
  const merged = requirementDueSql({ assignmentIds: o.assignmentIds, userId: o.userId, sameCourses: true });
  const base =
    `SELECT m."assignmentId", m."userId", a."courseId", COALESCE(rq."dueAt", a."dueAt") AS "dueAt", a."dueAt" AS "ownDueAt",` +
    ` ${validCompletionSql(user, course, 'completedAt')} AS "completedAt", ${lastExpiredAtSql(user, course)} AS "lastExpiredAt"` +
    (o.detail ? detailColumns(user, course) : '') +
    ` FROM (${membershipSql(o)}) m` +
    ` JOIN assignments a ON a."id" = m."assignmentId"` +
    ` LEFT JOIN (${merged}) rq ON rq."userId" = m."userId" AND rq."courseId" = a."courseId"` +
    ` JOIN courses c ON c."id" = a."courseId"` +
    ` JOIN users u ON u."id" = m."userId"` +
    ` JOIN units un ON un."id" = u."unitId"` +
    (o.scopePrefix ? ` WHERE ${inUnitSubtreeOf('un."path"', 'scopePrefix')}` : '');
  return `SELECT b.*, ${statusSql('b')} AS "status", ${joinedAfterDueSql('b')} AS "joinedAfterDue" FROM (${base}) b`;
}

/**
 * One row per requirement (learner × course over the active assignments), with "status": what an
 * officer's list, pending counts and the learning report count. Parameters as memberRowsSql.
 */
export function requirementRowsSql(o: { userId?: string; scoped?: boolean }): string {
  const user = 'r."userId"';
  const course = 'r."courseId"';
  const base =
    `SELECT r."userId", r."courseId", r."dueAt", r."assignments", u."unitId",` +
    ` ${validCompletionSql(user, course, 'completedAt')} AS "completedAt", ${lastExpiredAtSql(user, course)} AS "lastExpiredAt"` +
    ` FROM (${requirementDueSql({ userId: o.userId })}) r` +
    ` JOIN users u ON u."id" = r."userId"` +
    ` JOIN units un ON un."id" = u."unitId"` +
    (o.scoped ? ` WHERE ${inUnitSubtreeOf('un."path"', 'scopePrefix')}` : '');
  return `SELECT q.*, ${statusSql('q')} AS "status" FROM (${base}) q`;
}
