import type { Unit } from '../units/entities/unit.entity';
import type { User } from './entities/user.entity';

/** A user as the API returns it: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  name: string;
  role: User['role'];
  unitId: string;
  unitName: string | null;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toUserView = (user: User, unit?: Pick<Unit, 'name'> | null): UserView => ({
  id: user.id,
  username: user.username,
  name: user.name,
  role: user.role,
  unitId: user.unitId,
  unitName: unit?.name ?? null,
  disabled: !!user.disabled,
  lastLoginAt: user.lastLoginAt ?? null,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

/** What the audit log keeps of a user (no hash). */
export const auditSnapshot = (user: Pick<User, 'username' | 'name' | 'role' | 'unitId' | 'disabled'>) => ({
  username: user.username,
  name: user.name,
  role: user.role,
  unitId: user.unitId,
  disabled: !!user.disabled,
});
