/**
 * SQL fragments for lesson progress and completion validity, shared by the catalog, the assignment
 * reports and the completion check so they can never disagree. Every fragment needs the `:now`
 * parameter. `user` and `course` are SQL expressions (e.g. `u."id"`, `c."id"`).
 *
 * A read is "current" unless a completion of that course that has since expired came after it: the
 * read was used up by that completion, so after expiry the officer reads the lessons again.
 */
export const currentReadSql = (lp: string, course: string): string =>
  `NOT EXISTS (SELECT 1 FROM course_completions cc_s WHERE cc_s."userId" = ${lp}."userId" AND cc_s."courseId" = ${course}` +
  ` AND cc_s."expiresAt" IS NOT NULL AND cc_s."expiresAt" <= :now AND cc_s."completedAt" >= ${lp}."completedAt")`;

export const lessonsTotalSql = (course: string): string =>
  `(SELECT COUNT(*) FROM lessons l_t WHERE l_t."courseId" = ${course} AND l_t."retiredAt" IS NULL)`;

export const lessonsReadSql = (user: string, course: string): string =>
  `(SELECT COUNT(*) FROM lesson_progress lp_r JOIN lessons l_r ON l_r."id" = lp_r."lessonId"` +
  ` WHERE lp_r."userId" = ${user} AND l_r."courseId" = ${course} AND l_r."retiredAt" IS NULL AND ${currentReadSql('lp_r', course)})`;

const VALID = (cc: string) => `(${cc}."expiresAt" IS NULL OR ${cc}."expiresAt" > :now)`;

/** A column of the user's latest still-valid completion of the course (NULL when there is none). */
export const validCompletionSql = (
  user: string,
  course: string,
  column: 'id' | 'completedAt' | 'expiresAt',
): string =>
  `(SELECT cc_v."${column}" FROM course_completions cc_v WHERE cc_v."userId" = ${user} AND cc_v."courseId" = ${course}` +
  ` AND ${VALID('cc_v')} ORDER BY cc_v."completedAt" DESC LIMIT 1)`;

/** When the user's most recent completion of the course expired (NULL when none has expired). */
export const lastExpiredAtSql = (user: string, course: string): string =>
  `(SELECT MAX(cc_e."expiresAt") FROM course_completions cc_e WHERE cc_e."userId" = ${user} AND cc_e."courseId" = ${course}` +
  ` AND cc_e."expiresAt" <= :now)`;
