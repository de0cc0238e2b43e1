import { addDays, endOfBureauDayOf } from '../common/time/bureau-time';

export const ASSIGNMENT_STATUSES = ['pending', 'completed', 'overdue'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const STATUS_LABELS: Record<AssignmentStatus, string> = {
  pending: '待完成',
  completed: '已完成',
  overdue: '已逾期',
};

/**
 * Status of one officer for one assignment:
 * - completed: the officer holds a completion of the course that is still valid (one made before the
 *   assignment counts too);
 * - overdue: not completed and now is past the effective due date;
 * - pending: otherwise.
 * Effective due date = the later of the assignment's due date and (last expiry of the officer's
 * completion + RECERT_GRACE_DAYS): when a completion expires the assignment re-opens with a grace period.
 * `statusSql` is the same rule for reports; `effectiveDueAt` computes the date to show.
 */
export interface StatusFacts {
  dueAt: Date;
  validCompletion: boolean;
  lastExpiredAt: Date | null;
}

export function effectiveDueAt(facts: Pick<StatusFacts, 'dueAt' | 'lastExpiredAt'>, graceDays: number): Date {
  if (!facts.lastExpiredAt) return facts.dueAt;
  // Due dates end with their day in Beijing (one rule), the re-opened one too.
  const recert = endOfBureauDayOf(addDays(facts.lastExpiredAt, graceDays));
  return recert > facts.dueAt ? recert : facts.dueAt;
}

export function assignmentStatus(facts: StatusFacts, now: Date, graceDays: number): AssignmentStatus {
  if (facts.validCompletion) return 'completed';
  return now > effectiveDueAt(facts, graceDays) ? 'overdue' : 'pending';
}

/**
 * The rule in SQL over a row with "completedAt" (of a valid completion, else NULL), "dueAt" and
 * "lastExpiredAt". Parameters: `:now` and `:graceCutoff` (= 00:00 Beijing of today − RECERT_GRACE_DAYS:
 * the grace ends with the day of expiry + RECERT_GRACE_DAYS, like every due date).
 */
export const statusSql = (row: string): string =>
  `CASE WHEN ${row}."completedAt" IS NOT NULL THEN 'completed'` +
  ` WHEN ${row}."dueAt" < :now AND (${row}."lastExpiredAt" IS NULL OR ${row}."lastExpiredAt" < :graceCutoff) THEN 'overdue'` +
  ` ELSE 'pending' END`;
