import { ROLE_LABELS, ROLES, Role } from './entities/user.entity';

/** Usernames are stored lowercased, so the unique index also makes them unique ignoring case (login ignores case). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.@-]{1,63}$/;
export const NAME_MAX = 100;

export const normaliseUsername = (value: string): string => value.trim().toLowerCase();

/** `officer` or its Chinese label (信访干部), as admins type roles in spreadsheets. */
export function parseRole(value: string): Role | null {
  const text = value.trim();
  const lower = text.toLowerCase();
  if ((ROLES as readonly string[]).includes(lower)) return lower as Role;
  const byLabel = (Object.entries(ROLE_LABELS) as Array<[Role, string]>).find(([, label]) => label === text);
  return byLabel ? byLabel[0] : null;
}
