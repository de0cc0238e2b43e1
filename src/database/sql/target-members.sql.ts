import { inUnitSubtree } from './unit-subtree';
/**
 * Who a set of targets reaches, as the organisation is now: named users; everyone with a role;
 * everyone in a unit (or its subtree, through the units' materialised paths), narrowed to a role when
 * the target carries one. One SELECT per target kind joined by UNION, which also removes duplicates.
 * Assignments and notices keep their targets in tables of the same shape
 * (`kind`, `userId`, `role`, `unitId`, `includeSubtree` and the owner's id column).
 */
export interface TargetMembersQuery {
  /** e.g. `assignment_targets`. */
  table: string;
  /** The owner's id column in that table, selected under the same name (e.g. `assignmentId`). */
  ownerColumn: string;
  /** Conditions on `t` (the target) and `u` (the user), ANDed into every branch. */
  where: string;
  /** Parameter names bound to true and false (booleans are bound, not inlined, for both databases). */
  yes: string;
  no: string;
}

export function targetMembersSql(q: TargetMembersQuery): string {
  const roleOk = `(t."role" IS NULL OR u."role" = t."role")`;
  const select = `SELECT t."${q.ownerColumn}" AS "${q.ownerColumn}", u."id" AS "userId" FROM ${q.table} t`;
  return [
    `${select} JOIN users u ON u."id" = t."userId" WHERE t."kind" = 'user' AND ${q.where}`,
    `${select} JOIN users u ON u."role" = t."role" WHERE t."kind" = 'role' AND ${q.where}`,
    `${select} JOIN users u ON u."unitId" = t."unitId" WHERE t."kind" = 'unit' AND t."includeSubtree" = :${q.no} AND ${roleOk} AND ${q.where}`,
    `${select} JOIN units tu ON tu."id" = t."unitId" JOIN units uu ON ${inUnitSubtree('uu."path"', 'tu."path"')}` +
      ` JOIN users u ON u."unitId" = uu."id" WHERE t."kind" = 'unit' AND t."includeSubtree" = :${q.yes} AND ${roleOk} AND ${q.where}`,
  ].join(' UNION ');
}
