import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ARGON2_OPTIONS } from '../../src/auth/password.service';
import { Unit, UnitKind } from '../../src/units/entities/unit.entity';
import { Role, User } from '../../src/users/entities/user.entity';
import { UnitMembership } from '../../src/units/membership/unit-membership.entity';

export const TEST_PASSWORD = 'Correct-Horse-42';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= argon2.hash(TEST_PASSWORD, ARGON2_OPTIONS));

/**
 * When the test organisation came into being: its units exist and its people belong to them from
 * then on (unit_memberships), so fixtures of past periods (2025) have a unit and officers to count.
 */
export const ORGANISATION_SINCE = new Date('2020-01-01T00:00:00Z');

export async function createUnit(
  ds: DataSource,
  name: string,
  kind: UnitKind,
  parent?: Unit,
  createdAt: Date = ORGANISATION_SINCE,
): Promise<Unit> {
  const id = randomUUID();
  const unit = {
    id,
    name,
    kind,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    createdAt,
  };
  await ds.getRepository(Unit).insert(unit);
  return ds.getRepository(Unit).findOneByOrFail({ id });
}

export async function createUser(
  ds: DataSource,
  unit: Unit,
  role: Role,
  overrides: Partial<Pick<User, 'username' | 'name' | 'disabled'>> & { joinedAt?: Date } = {},
): Promise<User> {
  const id = randomUUID();
  await ds.getRepository(User).insert({
    id,
    username: overrides.username ?? `${role}_${id.slice(0, 8)}`,
    name: overrides.name ?? `测试${role}`,
    role,
    unitId: unit.id,
    disabled: overrides.disabled ?? false,
    passwordHash: await passwordHash(),
  });
  // The membership history the application writes with every user (record-membership.ts).
  if (!overrides.disabled) {
    await ds.getRepository(UnitMembership).insert({
      id: randomUUID(),
      userId: id,
      unitId: unit.id,
      role,
      validFrom: overrides.joinedAt ?? ORGANISATION_SINCE,
      validTo: null,
    });
  }
  return ds.getRepository(User).findOneByOrFail({ id });
}

/** A small bureau: two streets and a department; one user per role, a manager of street A. */
export async function createOrganisation(ds: DataSource) {
  const bureau = await createUnit(ds, '测试区信访局', 'bureau');
  const streetA = await createUnit(ds, '甲街道', 'street', bureau);
  const streetB = await createUnit(ds, '乙街道', 'street', bureau);
  const communityA = await createUnit(ds, '甲街道一社区', 'office', streetA);
  const dept = await createUnit(ds, '区住建局', 'department', bureau);
  const admin = await createUser(ds, bureau, 'admin', { username: 'admin' });
  const trainer = await createUser(ds, bureau, 'trainer', { username: 'trainer' });
  const manager = await createUser(ds, streetA, 'manager', { username: 'manager' });
  const officerA = await createUser(ds, streetA, 'officer', { username: 'officer_a' });
  const officerA2 = await createUser(ds, communityA, 'officer', { username: 'officer_a2' });
  const officerB = await createUser(ds, streetB, 'officer', { username: 'officer_b' });
  const officerDept = await createUser(ds, dept, 'officer', { username: 'officer_d' });
  return {
    units: { bureau, streetA, streetB, communityA, dept },
    users: { admin, trainer, manager, officerA, officerA2, officerB, officerDept },
  };
}
