import { lastExpiredAtSql, lessonsReadSql, lessonsTotalSql, validCompletionSql } from '../completions/progress-sql';
import { statusSql } from './assignment-status';

/**
 * Who an assignment is for, computed from its targets on every read (so membership follows the
 * organisation as it changes). One SELECT per target kind, joined by UNION (which also removes
 * duplicates when several targets reach the same officer). Disabled users are never members.
 * Parameters: `:mNo`, `:mYes` (booleans), and `:...mAssignmentIds` / `:mUserId` when filtered.
 */
export interface MembershipFilter {
  assignmentIds?: string[];
  userId?: string;
}

export function membershipSql(f: MembershipFilter): string {
  const where = [
    `u."disabled" = :mNo`,
    ...(f.assignmentIds ? [`t."assignmentId" IN (:...mAssignmentIds)`] : []),
    ...(f.userId ? [`u."id" = :mUserId`] : []),
  ].join(' AND ');
  const roleOk = `(t."role" IS NULL OR u."role" = t."role")`;
  const select = `SELECT t."assignmentId" AS "assignmentId", u."id" AS "userId" FROM assignment_targets t`;
  return [
    `${select} JOIN users u ON u."id" = t."userId" WHERE t."kind" = 'user' AND ${where}`,
    `${select} JOIN users u ON u."role" = t."role" WHERE t."kind" = 'role' AND ${where}`,
    `${select} JOIN users u ON u."unitId" = t."unitId" WHERE t."kind" = 'unit' AND t."includeSubtree" = :mNo AND ${roleOk} AND ${where}`,
    `${select} JOIN units tu ON tu."id" = t."unitId" JOIN units uu ON uu."path" LIKE (tu."path" || '%')` +
      ` JOIN users u ON u."unitId" = uu."id" WHERE t."kind" = 'unit' AND t."includeSubtree" = :mYes AND ${roleOk} AND ${where}`,
  ].join(' UNION ');
}

export const membershipParams = (f: MembershipFilter) => ({
  mNo: false,
  mYes: true,
  ...(f.assignmentIds ? { mAssignmentIds: f.assignmentIds } : {}),
  ...(f.userId ? { mUserId: f.userId } : {}),
});

export interface MemberRowsOptions extends MembershipFilter {
  /** Only members whose unit path starts with this (a manager's subtree). */
  scopePrefix?: string | null;
  /** Add officer, unit and progress columns (reports that only count leave them out). */
  detail?: boolean;
}

/**
 * One row per (assignment, member) with "status" (see assignment-status.ts). Parameters:
 * membershipParams plus `:now`, `:graceCutoff` and `:scopePrefix` when scoped.
 */
export function memberRowsSql(o: MemberRowsOptions): string {
  const user = 'm."userId"';
  const course = 'a."courseId"';
  const detail = o.detail
    ? `, c."title" AS "courseTitle", u."username", u."name" AS "officerName", u."unitId", un."name" AS "unitName",` +
      ` ${validCompletionSql(user, course, 'expiresAt')} AS "validUntil",` +
      ` ${lessonsReadSql(user, course)} AS "lessonsRead", ${lessonsTotalSql(course)} AS "lessonsTotal"`
    : '';
  const base =
    `SELECT m."assignmentId", m."userId", a."courseId", a."dueAt",` +
    ` ${validCompletionSql(user, course, 'completedAt')} AS "completedAt", ${lastExpiredAtSql(user, course)} AS "lastExpiredAt"${detail}` +
    ` FROM (${membershipSql(o)}) m` +
    ` JOIN assignments a ON a."id" = m."assignmentId"` +
    ` JOIN courses c ON c."id" = a."courseId"` +
    ` JOIN users u ON u."id" = m."userId"` +
    ` JOIN units un ON un."id" = u."unitId"` +
    (o.scopePrefix ? ` WHERE un."path" LIKE :scopePrefix` : '');
  return `SELECT b.*, ${statusSql('b')} AS "status" FROM (${base}) b`;
}
