import type { Course } from '../content/entities/course.entity';
import { targetRowsFor } from '../database/sql/target-rows';
import { inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';
import type { Role } from '../users/entities/user.entity';
import { membershipParams, membershipSql } from './assignment-members.sql';
import type { TargetView } from './assignments.service';
import type { AssignmentTarget, TargetKind } from './entities/assignment-target.entity';

// Pure parts of AssignmentsService: the target rows it writes, and the SQL and filters for a manager's scope.

/**
 * Unit targets without explicit roles reach the roles the course is meant for (course.requiredRoles,
 * normally officers): otherwise assigning a street would also assign its manager's and the bureau's
 * admin accounts, which cannot take courses. Roles alone reach everyone with the role.
 */
export function targetRows(
  assignmentId: string,
  unitIds: string[],
  includeSubtree: boolean,
  roles: Role[],
  userIds: string[],
  course: Course,
): AssignmentTarget[] {
  const unitRoles: Array<Role | null> =
    roles.length > 0 ? roles : course.requiredRoles.length > 0 ? course.requiredRoles : [null];
  return targetRowsFor({ assignmentId }, { unitIds, includeSubtree, unitRoles, roles, userIds });
}

/** An assignment `a` reaches a manager's subtree: at least one of its members has a unit in it (`:scopePrefix`). */
export const REACHES_SCOPE_SQL =
  `a."id" IN (SELECT m."assignmentId" FROM (${membershipSql({})}) m JOIN users su ON su."id" = m."userId"` +
  ` JOIN units sun ON sun."id" = su."unitId" WHERE ${inUnitSubtreeOf('sun."path"', 'scopePrefix')})`;
export const reachesScopeParams = (scopePrefix: string) => ({
  ...membershipParams({}),
  scopePrefix: subtreePrefix(scopePrefix),
});

/** Whether a target reaches officers of the subtree whose unit path starts with `prefix`. */
export function reachesScope(t: Record<string, unknown>, prefix: string): boolean {
  if (t.kind === 'role') return true;
  if (t.kind === 'user') return typeof t.userUnitPath === 'string' && t.userUnitPath.startsWith(prefix);
  const path = typeof t.unitPath === 'string' ? t.unitPath : '';
  const withSubtree = t.includeSubtree === true || t.includeSubtree === 1;
  return path !== '' && (path.startsWith(prefix) || (withSubtree && prefix.startsWith(path)));
}

export function toTargetView(t: Record<string, unknown>): TargetView {
  return {
    kind: t.kind as TargetKind,
    unitId: (t.unitId as string | null) ?? null,
    unitName: (t.unitName as string | null) ?? null,
    includeSubtree: t.includeSubtree === true || t.includeSubtree === 1,
    role: (t.role as Role | null) ?? null,
    userId: (t.userId as string | null) ?? null,
    userName: (t.userName as string | null) ?? null,
  };
}
