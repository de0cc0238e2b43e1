import type { Role } from '../users/entities/user.entity';

/**
 * The roles that study courses. Only officers have the lesson reader's 标记为已读, the quizzes and
 * the 学时 ledger (API.md: POST /api/lessons/:id/complete is for officers), so assignments reach
 * officers only: the form offers no other role, the API refuses other roles and named non-officers,
 * and membership leaves out anyone else (also users whose role changed after an assignment was made).
 */
export const LEARNER_ROLES: readonly Role[] = ['officer'];

export const isLearnerRole = (role: string): boolean => (LEARNER_ROLES as readonly string[]).includes(role);

/** `('officer')` for SQL: constants only, never user input. */
export const learnerRolesSql = `(${LEARNER_ROLES.map((r) => `'${r}'`).join(', ')})`;
