import { addDays, endOfBureauDayOf } from '../common/time/bureau-time';
import { wasMemberAtSql } from '../units/membership/officers-in-period.sql';

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
 * - overdue: not completed, now is past the effective due date, and the officer was a member at the
 *   due date (one that passed before they joined never counts against them);
 * - pending: otherwise.
 * Effective due date = the later of the assignment's due date and (last expiry of the officer's
 * completion + RECERT_GRACE_DAYS): when a completion expires the assignment re-opens with a grace period.
 * `statusSql` is the same rule for reports; `effectiveDueAt` computes the date to show.
 */
export interface StatusFacts {
  dueAt: Date;
  validCompletion: boolean;
  lastExpiredAt: Date | null;
  /** False when the officer joined after `dueAt` (no membership then): never overdue. Default true. */
  memberAtDue?: boolean;
}

export function effectiveDueAt(facts: Pick<StatusFacts, 'dueAt' | 'lastExpiredAt'>, graceDays: number): Date {
  if (!facts.lastExpiredAt) return facts.dueAt;
  // Due dates end with their day in Beijing (one rule), the re-opened one too.
  const recert = endOfBureauDayOf(addDays(facts.lastExpiredAt, graceDays));
  return recert > facts.dueAt ? recert : facts.dueAt;
}

export function assignmentStatus(facts: StatusFacts, now: Date, graceDays: number): AssignmentStatus {
  if (facts.validCompletion) return 'completed';
  if (facts.memberAtDue === false) return 'pending';
  return now > effectiveDueAt(facts, graceDays) ? 'overdue' : 'pending';
}

/**
 * The rule in SQL over a row with "userId", "completedAt" (of a valid completion, else NULL), "dueAt"
 * and "lastExpiredAt". Parameters: `:now` and `:graceCutoff` (= 00:00 Beijing of today − RECERT_GRACE_DAYS:
 * the grace ends with the day of expiry + RECERT_GRACE_DAYS, like every due date).
 * A due date that passed before the officer joined (no open membership row at "dueAt", see
 * wasMemberAtSql) never makes them overdue: they stay 待完成 with that due date (joinedAfterDueSql
 * marks the row for the note 「入职晚于截止日期，不计逾期」). Every list, count, report and
 * reminder reads the status from here (docs/assignments.md "Status").
 */
export const statusSql = (row: string): string =>
  `CASE WHEN ${row}."completedAt" IS NOT NULL THEN 'completed'` +
  ` WHEN ${row}."dueAt" < :now AND (${row}."lastExpiredAt" IS NULL OR ${row}."lastExpiredAt" < :graceCutoff)` +
  ` AND ${boundByDueSql(row)} THEN 'overdue'` +
  ` ELSE 'pending' END`;

/** The officer was a member when the row's due date came: only then can it count against them. */
const boundByDueSql = (row: string): string =>
  wasMemberAtSql(`${row}."userId"`, `${row}."dueAt"`, `${row}_wm`);

/** 1 when the row's due date passed before the officer joined (shown with a note, never overdue), else 0. */
export const joinedAfterDueSql = (row: string): string =>
  `CASE WHEN ${row}."completedAt" IS NULL AND ${row}."dueAt" < :now AND NOT ${boundByDueSql(row)} THEN 1 ELSE 0 END`;
