import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PAGE_LIMIT_DEFAULT } from '../common/dto/page-query.dto';
import { addDays, startOfBureauDayOf } from '../common/time/bureau-time';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import { AppConfig } from '../config/app-config';
import { ScopeService } from '../units/scope.service';
import { AssignmentStatus, effectiveDueAt } from './assignment-status';
import { memberRowsSql, MemberRowsOptions, membershipParams } from './assignment-members.sql';
import { AssignmentsService } from './assignments.service';
import { AssignmentStatusQueryDto } from './dto/list-assignments.dto';
import { subtreePrefix } from '../database/sql/unit-subtree';
import { AssignmentErrors } from './assignments.errors';

export interface MyAssignment {
  /** The assignment whose due date the requirement has (the earliest of those merged). */
  assignmentId: string;
  courseId: string;
  courseTitle: string;
  /** The effective due date (re-opened assignments get the recertification grace period). */
  dueAt: Date;
  assignedDueAt: Date;
  status: AssignmentStatus;
  /** The due date passed before the officer joined: 待完成, never overdue (「入职晚于截止日期，不计逾期」). */
  joinedAfterDue: boolean;
  lessonsRead: number;
  lessonsTotal: number;
  completedAt: Date | null;
  validUntil: Date | null;
}

export interface OfficerStatusRow extends MyAssignment {
  userId: string;
  username: string;
  name: string;
  unitId: string;
  unitName: string;
}

export interface StatusCounts {
  pending: number;
  completed: number;
  overdue: number;
}
export interface UnitStatusRow extends StatusCounts {
  unitId: string;
  unitName: string;
}

interface RowFilter {
  courseId?: string;
  unitId?: string;
  status?: AssignmentStatus;
}

const COUNTS = `SUM(CASE WHEN s."status" = 'pending' THEN 1 ELSE 0 END) AS "pending",
  SUM(CASE WHEN s."status" = 'completed' THEN 1 ELSE 0 END) AS "completed",
  SUM(CASE WHEN s."status" = 'overdue' THEN 1 ELSE 0 END) AS "overdue"`;
const counts = (r: Record<string, unknown>): StatusCounts => ({
  pending: toNumber(r.pending),
  completed: toNumber(r.completed),
  overdue: toNumber(r.overdue),
});

/**
 * Which merged row a user's requirement shows: the assignment whose due date it has (a due date that
 * passed before the officer joined yields to a later one, requirementDueSql), then the earliest, then by id.
 */
type MergedRow = { assignmentId: string; assignedDueAt: Date; ownDueAt: number };
const keptFirst = (a: MergedRow, b: MergedRow): boolean => {
  const sets = (r: MergedRow) => (r.ownDueAt === r.assignedDueAt.getTime() ? 0 : 1);
  return (sets(a) - sets(b) || a.ownDueAt - b.ownDueAt || (a.assignmentId < b.assignmentId ? -1 : 1)) < 0;
};

/** Status of assignments per officer, per unit and per assignment: set-based SQL over memberRowsSql. */
@Injectable()
export class AssignmentReportsService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly assignments: AssignmentsService,
  ) {}

  /**
   * A user's requirements, soonest effective due date first (optionally for one course): one per
   * course, however many active assignments reach the user (they merge; the earliest due date wins).
   */
  async forUser(userId: string, courseId?: string): Promise<MyAssignment[]> {
    const rows = await this.memberRows({ userId, detail: true, activeOnly: true }, null, { courseId });
    const byCourse = new Map<string, OfficerStatusRow & { ownDueAt: number }>();
    for (const r of rows) {
      const row = { ...this.toOfficerRow(r), ownDueAt: (toDate(r.ownDueAt) as Date).getTime() };
      const kept = byCourse.get(row.courseId);
      if (!kept || keptFirst(row, kept)) {
        byCourse.set(row.courseId, row);
      }
    }
    return [...byCourse.values()]
      .map(({ ownDueAt: _own, ...row }) => row)
      .sort(
        (a, b) =>
          a.dueAt.getTime() - b.dueAt.getTime() || a.courseTitle.localeCompare(b.courseTitle, 'zh-CN'),
      )
      .map(({ userId: _u, username: _n, name: _m, unitId: _i, unitName: _un, ...mine }) => mine);
  }

  /**
   * One page of a user's assignments in the same order, with the total and how many are still open.
   * The rows are computed per user (bounded by the assignments reaching them); the answer is bounded by `limit`.
   */
  async pageForUser(
    userId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: MyAssignment[]; total: number; open: number }> {
    const all = await this.forUser(userId);
    return {
      items: all.slice(offset, offset + limit),
      total: all.length,
      open: all.filter((a) => a.status !== 'completed').length,
    };
  }

  /**
   * Per-unit counts and officer rows of one assignment. Trainers and admins see everyone; a manager
   * sees the officers of their own unit subtree only, and an assignment that reaches no one there
   * is 404 to them, as it is missing from their list.
   */
  async status(me: Principal, assignmentId: string, query: Partial<AssignmentStatusQueryDto> = {}) {
    const prefix = await this.scope.unitPathPrefix(me);
    const [assignment] = (await this.assignments.isInScope(assignmentId, prefix))
      ? await this.assignments.summaries([assignmentId], prefix)
      : [];
    if (!assignment) throw AssignmentErrors.notFound();
    const options: MemberRowsOptions = { assignmentIds: [assignmentId], scopePrefix: prefix, detail: true };
    const unitRows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT s."unitId", s."unitName", ${COUNTS} FROM (${memberRowsSql(options)}) s GROUP BY s."unitId", s."unitName"`,
      this.params(options, prefix),
    );
    // A cancelled assignment is due for no one: what was not completed is no longer pending or overdue.
    const cancelled = assignment.cancelledAt !== null;
    const units: UnitStatusRow[] = unitRows
      .map((r) => ({ unitId: String(r.unitId), unitName: String(r.unitName), ...counts(r) }))
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'));
    const totals = units.reduce<StatusCounts>(
      (t, u) => ({
        pending: t.pending + u.pending,
        completed: t.completed + u.completed,
        overdue: t.overdue + u.overdue,
      }),
      { pending: 0, completed: 0, overdue: 0 },
    );
    const assigned = totals.pending + totals.completed + totals.overdue;
    const officers: Array<Omit<OfficerStatusRow, 'status'> & { status: AssignmentStatus | 'cancelled' }> = (
      await this.memberRows(options, prefix, { unitId: query.unitId, status: query.status })
    )
      .map((r) => this.toOfficerRow(r))
      .map((o) => (cancelled && o.status !== 'completed' ? { ...o, status: 'cancelled' as const } : o))
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
    // One page of officer rows (a bureau-wide assignment reaches everyone); the counts above cover all.
    const offset = query.offset ?? 0;
    const page = officers.slice(offset, offset + (query.limit ?? PAGE_LIMIT_DEFAULT));
    const officersPage = { officers: page, officersTotal: officers.length };
    if (!cancelled) return { assignment, totals: { ...totals, assigned }, units, ...officersPage };
    return {
      assignment,
      totals: { ...totals, pending: 0, overdue: 0, assigned },
      units: units.map((u) => ({ ...u, pending: 0, overdue: 0 })),
      ...officersPage,
    };
  }

  /** The API list for the caller: trainers and admins see every assignment, a manager those reaching their subtree. */
  async listFor(me: Principal, limit: number, offset: number, courseId?: string) {
    return this.list(limit, offset, courseId, await this.scope.unitPathPrefix(me));
  }

  /**
   * The paged list: each assignment with its targets and status counts. With `scopePrefix` (a manager's
   * subtree) only assignments with members there, only the targets reaching there, and counts of those members.
   */
  async list(limit: number, offset: number, courseId?: string, scopePrefix: string | null = null) {
    const { ids, total } = await this.assignments.pageIds(limit, offset, courseId, scopePrefix);
    const [summaries, countsById] = await Promise.all([
      this.assignments.summaries(ids, scopePrefix),
      this.countsFor(ids, scopePrefix),
    ]);
    const none = { assigned: 0, pending: 0, completed: 0, overdue: 0 };
    const shown = (a: { id: string; cancelledAt: Date | null }) => {
      const c = countsById.get(a.id) ?? none;
      return a.cancelledAt ? { ...c, pending: 0, overdue: 0 } : c; // due for no one once cancelled
    };
    return { items: summaries.map((a) => ({ ...a, ...shown(a) })), total };
  }

  /** Counts per assignment, for list pages (one grouped query for the whole page). */
  async countsFor(
    assignmentIds: string[],
    scopePrefix: string | null = null,
  ): Promise<Map<string, StatusCounts & { assigned: number }>> {
    const result = new Map<string, StatusCounts & { assigned: number }>();
    if (assignmentIds.length === 0) return result;
    const options: MemberRowsOptions = { assignmentIds, scopePrefix };
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT s."assignmentId", COUNT(*) AS "assigned", ${COUNTS} FROM (${memberRowsSql(options)}) s GROUP BY s."assignmentId"`,
      this.params(options, scopePrefix),
    );
    for (const r of rows) {
      result.set(String(r.assignmentId), { assigned: toNumber(r.assigned), ...counts(r) });
    }
    return result;
  }

  /** Member rows, optionally filtered on the computed columns. */
  private async memberRows(
    options: MemberRowsOptions,
    prefix: string | null,
    filter: RowFilter = {},
  ): Promise<Record<string, unknown>[]> {
    const where = (Object.keys(filter) as Array<keyof RowFilter>)
      .filter((key) => filter[key])
      .map((key) => `s."${key}" = :f_${key}`);
    const params = Object.fromEntries(Object.entries(filter).map(([key, value]) => [`f_${key}`, value]));
    const sql = `SELECT s.* FROM (${memberRowsSql(options)}) s${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return rawRows<Record<string, unknown>>(this.em, sql, { ...this.params(options, prefix), ...params });
  }

  private params(options: MemberRowsOptions, prefix: string | null) {
    const now = new Date();
    return {
      ...membershipParams(options),
      now,
      graceCutoff: addDays(startOfBureauDayOf(now), -this.graceDays),
      ...(prefix ? { scopePrefix: subtreePrefix(prefix) } : {}),
    };
  }

  private get graceDays(): number {
    return this.config.get('RECERT_GRACE_DAYS');
  }

  private toOfficerRow(r: Record<string, unknown>): OfficerStatusRow {
    const assignedDueAt = toDate(r.dueAt) as Date;
    const status = r.status as AssignmentStatus;
    const lastExpiredAt = toDate(r.lastExpiredAt);
    return {
      assignmentId: String(r.assignmentId),
      courseId: String(r.courseId),
      courseTitle: String(r.courseTitle),
      dueAt:
        status === 'completed'
          ? assignedDueAt
          : effectiveDueAt({ dueAt: assignedDueAt, lastExpiredAt }, this.graceDays),
      assignedDueAt,
      status,
      joinedAfterDue: toNumber(r.joinedAfterDue) === 1,
      lessonsRead: toNumber(r.lessonsRead),
      lessonsTotal: toNumber(r.lessonsTotal),
      completedAt: toDate(r.completedAt),
      validUntil: toDate(r.validUntil),
      userId: String(r.userId),
      username: String(r.username),
      name: String(r.officerName),
      unitId: String(r.unitId),
      unitName: String(r.unitName),
    };
  }
}
