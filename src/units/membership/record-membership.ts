import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { UnitMembership } from './unit-membership.entity';

/** What membership depends on: the user's unit, role and activation after the change. */
export interface MembershipState {
  id: string;
  unitId: string;
  role: string;
  disabled?: boolean;
}

/**
 * Brings a user's membership history in line with their state, inside the caller's transaction
 * (every writer of users.unitId / role / disabled calls it): the open row is kept when unit and role
 * are unchanged and the user is active; otherwise it is closed at `at` and, for an active user, a new
 * row opens at `at`.
 */
export async function recordMembership(
  em: EntityManager,
  user: MembershipState,
  at = new Date(),
): Promise<void> {
  const open = await em.findBy(UnitMembership, { userId: user.id, validTo: IsNull() });
  const active = !user.disabled;
  const keep = open.find((m) => active && m.unitId === user.unitId && m.role === user.role);
  const toClose = open.filter((m) => m !== keep).map((m) => m.id);
  if (toClose.length) await em.update(UnitMembership, toClose, { validTo: at });
  if (active && !keep) await openMemberships(em, [user], at);
}

/** Opens a first row for new active users (create, CSV import, demo seeding), from `at`. */
export async function openMemberships(
  em: EntityManager,
  users: MembershipState[],
  at = new Date(),
): Promise<void> {
  const rows = users
    .filter((u) => !u.disabled)
    .map((u) => ({
      id: randomUUID(),
      userId: u.id,
      unitId: u.unitId,
      role: u.role,
      validFrom: at,
      validTo: null,
    }));
  for (let i = 0; i < rows.length; i += 200) await em.insert(UnitMembership, rows.slice(i, i + 200));
}
