import { randomUUID } from 'node:crypto';

/** Whom one owner (an assignment, a notice) is for, as its form or API call named them. */
export interface Audience<R extends string> {
  unitIds: string[];
  includeSubtree: boolean;
  /** The roles a unit row is narrowed to (`null`: the unit's every user). */
  unitRoles: Array<R | null>;
  /** Roles on their own: a role row each, only when no unit is named. */
  roles: R[];
  userIds: string[];
}

/**
 * The target rows for an audience, in the shape assignment_targets and notice_targets share (see
 * target-members.sql.ts): a unit row per unit and unit role, role rows, then a row per user.
 * `owner` is the owner's id column, e.g. `{ noticeId }`.
 */
export function targetRowsFor<O extends object, R extends string>(owner: O, a: Audience<R>) {
  const base = { ...owner, unitId: null, includeSubtree: true, role: null, userId: null };
  return [
    ...a.unitIds.flatMap((unitId) =>
      a.unitRoles.map((role) => ({
        ...base,
        id: randomUUID(),
        kind: 'unit' as const,
        unitId,
        includeSubtree: a.includeSubtree,
        role,
      })),
    ),
    ...(a.unitIds.length === 0
      ? a.roles.map((role) => ({ ...base, id: randomUUID(), kind: 'role' as const, role }))
      : []),
    ...a.userIds.map((userId) => ({ ...base, id: randomUUID(), kind: 'user' as const, userId })),
  ];
}
