import { ROLE_LABELS, ROLES } from '../entities/user.entity';

export const roleOptions = (selected?: unknown) =>
  ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], selected: r === selected }));
