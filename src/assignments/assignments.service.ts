import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type { AppError } from '../common/errors/app-error';
import { endOfBureauDayOf, parseBureauInstant } from '../common/time/bureau-time';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import { Course } from '../content/entities/course.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { Unit } from '../units/entities/unit.entity';
import { Role, User } from '../users/entities/user.entity';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { Assignment } from './entities/assignment.entity';
import { AssignmentTarget, TargetKind } from './entities/assignment-target.entity';
import { membershipParams, membershipSql, requirementDueSql } from './assignment-members.sql';
import { isLearnerRole } from './learners';
import { OutboxService } from '../outbox/outbox.service';
import { queueMemberRescore } from './assignment-rescore';
import { AssignmentErrors } from './assignments.errors';
import {
  REACHES_SCOPE_SQL,
  reachesScope,
  reachesScopeParams,
  targetRows,
  toTargetView,
} from './assignment-targets';

export interface TargetView {
  kind: TargetKind;
  unitId: string | null;
  unitName: string | null;
  includeSubtree: boolean;
  role: Role | null;
  userId: string | null;
  userName: string | null;
}

export interface AssignmentSummary {
  id: string;
  courseId: string;
  courseTitle: string;
  dueAt: Date;
  note: string | null;
  createdAt: Date;
  createdBy: { id: string; name: string };
  targets: TargetView[];
  /** Set when the assignment was cancelled: kept for history, due for no one. */
  cancelledAt: Date | null;
}

export interface CreatedAssignment {
  id: string;
  assignedCount: number;
  /** Learners who already had this course assigned: their requirements merged (earliest due date wins). */
  mergedCount: number;
}

const unique = <T>(list: T[] | undefined): T[] => [...new Set(list ?? [])];

/** Creating assignments: validation, target rows, audit. Reading them is AssignmentReportsService. */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(me: Principal, dto: CreateAssignmentDto): Promise<CreatedAssignment> {
    const unitIds = unique(dto.unitIds);
    const roles = unique(dto.roles);
    const userIds = unique(dto.userIds);
    if (unitIds.length + roles.length + userIds.length === 0) {
      throw AssignmentErrors.noTargets();
    }
    const sentDue = parseBureauInstant(dto.dueAt);
    if (!sentDue) throw AssignmentErrors.dueAtFormat();
    const dueAt = endOfBureauDayOf(sentDue); // one rule: due at the end of that day, Beijing time
    if (dueAt.getTime() <= Date.now()) throw AssignmentErrors.dueInPast();

    const course = await this.em.findOneBy(Course, { id: dto.courseId });
    if (!course) throw AssignmentErrors.unknownCourse();
    if (course.retiredAt) throw AssignmentErrors.courseRetired();
    if (roles.some((role) => !isLearnerRole(role))) {
      throw AssignmentErrors.roleNotLearner();
    }
    await this.assertAllExist(Unit, unitIds, AssignmentErrors.unknownUnits);
    await this.assertNoRetiredUnit(unitIds);
    await this.assertAllExist(User, userIds, AssignmentErrors.unknownUserIds);
    await this.assertLearners(userIds);

    const id = randomUUID();
    const targets = targetRows(id, unitIds, dto.includeSubtree ?? true, roles, userIds, course);
    return this.tx.run(async (em) => {
      await em.insert(Assignment, {
        id,
        courseId: course.id,
        dueAt,
        createdById: me.id,
        createdAt: new Date(),
        note: dto.note?.trim() || null,
      });
      await em.insert(AssignmentTarget, targets);
      const assignedCount = await this.countMembers(em, id);
      const mergedCount = await this.countMerged(em, id);
      await queueMemberRescore(em, this.outbox, id, 'created');
      await this.audit.recordIn(em, me, {
        action: 'assignment.create',
        entityType: 'assignment',
        entityId: id,
        after: {
          courseId: course.id,
          dueAt: dueAt.toISOString(),
          unitIds,
          includeSubtree: dto.includeSubtree ?? true,
          roles,
          userIds,
          assignedCount,
          mergedCount,
        },
      });
      return { id, assignedCount, mergedCount };
    });
  }

  /**
   * Newest first (idx_assignments_created); ids only, then `summaries`. With `scopePrefix` (a manager's
   * subtree) only assignments that reach at least one member whose unit is in the subtree.
   */
  async pageIds(
    limit: number,
    offset: number,
    courseId?: string,
    scopePrefix: string | null = null,
  ): Promise<{ ids: string[]; total: number }> {
    const conditions = [
      ...(courseId ? [`a."courseId" = :courseId`] : []),
      ...(scopePrefix !== null ? [REACHES_SCOPE_SQL] : []),
    ];
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    const params = { courseId, ...(scopePrefix !== null ? reachesScopeParams(scopePrefix) : {}) };
    const rows = await rawRows<{ id: string }>(
      this.em,
      `SELECT a."id" FROM assignments a${where} ORDER BY a."createdAt" DESC, a."id" LIMIT :limit OFFSET :offset`,
      { ...params, limit, offset },
    );
    const [count] = await rawRows<{ n: unknown }>(
      this.em,
      `SELECT COUNT(*) AS "n" FROM assignments a${where}`,
      params,
    );
    return { ids: rows.map((r) => r.id), total: toNumber(count?.n) };
  }

  /**
   * Whether the assignment is one a caller with `scopePrefix` may read: the same rule as the list
   * (it reaches at least one member in the subtree); null (trainers, admins) reads every one.
   */
  async isInScope(id: string, scopePrefix: string | null): Promise<boolean> {
    if (scopePrefix === null) return true;
    const rows = await rawRows<{ id: string }>(
      this.em,
      `SELECT a."id" FROM assignments a WHERE a."id" = :id AND ${REACHES_SCOPE_SQL}`,
      { id, ...reachesScopeParams(scopePrefix) },
    );
    return rows.length > 0;
  }

  /**
   * Assignments with course, creator and readable targets, in the order of `ids`. With `scopePrefix`
   * (a manager's subtree) only the targets that reach into the subtree are listed: units in it or
   * above it, roles, and named users in it; a manager must not learn who is assigned elsewhere.
   */
  async summaries(ids: string[], scopePrefix: string | null = null): Promise<AssignmentSummary[]> {
    if (ids.length === 0) return [];
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT a."id", a."courseId", c."title" AS "courseTitle", a."dueAt", a."note", a."createdAt", a."createdById", cu."name" AS "createdByName", a."cancelledAt"
         FROM assignments a JOIN courses c ON c."id" = a."courseId" JOIN users cu ON cu."id" = a."createdById"
        WHERE a."id" IN (:...ids)`,
      { ids },
    );
    const targetRows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT t."assignmentId", t."kind", t."unitId", un."name" AS "unitName", un."path" AS "unitPath", t."includeSubtree", t."role",
              t."userId", tu."name" AS "userName", tuu."path" AS "userUnitPath"
         FROM assignment_targets t LEFT JOIN units un ON un."id" = t."unitId" LEFT JOIN users tu ON tu."id" = t."userId"
         LEFT JOIN units tuu ON tuu."id" = tu."unitId"
        WHERE t."assignmentId" IN (:...ids)`,
      { ids },
    );
    const visible =
      scopePrefix === null ? targetRows : targetRows.filter((t) => reachesScope(t, scopePrefix));
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    return ids
      .filter((id) => byId.has(id))
      .map((id) => {
        const r = byId.get(id) as Record<string, unknown>;
        return {
          id,
          courseId: String(r.courseId),
          courseTitle: String(r.courseTitle),
          dueAt: toDate(r.dueAt) as Date,
          note: (r.note as string | null) ?? null,
          createdAt: toDate(r.createdAt) as Date,
          createdBy: { id: String(r.createdById), name: String(r.createdByName) },
          targets: visible.filter((t) => t.assignmentId === id).map(toTargetView),
          cancelledAt: toDate(r.cancelledAt),
        };
      });
  }

  /** A retired unit keeps its history but takes no new assignments. */
  private async assertNoRetiredUnit(unitIds: string[]): Promise<void> {
    if (unitIds.length === 0) return;
    const retired = await this.em.find(Unit, {
      select: { id: true, name: true },
      where: { id: In(unitIds), retiredAt: Not(IsNull()) },
    });
    if (retired.length > 0) {
      throw AssignmentErrors.unitRetired(retired.map((u) => u.name).join('、'));
    }
  }

  private async assertAllExist(
    entity: typeof Unit | typeof User,
    ids: string[],
    refuse: (missing: string) => AppError,
  ) {
    if (ids.length === 0) return;
    const found = await this.em.find(entity, { select: { id: true }, where: { id: In(ids) } });
    const known = new Set(found.map((row) => row.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw refuse(missing.slice(0, 5).join('、'));
  }

  /** Named users must be learners too (a manager named by user name would only ever become overdue). */
  private async assertLearners(userIds: string[]) {
    if (userIds.length === 0) return;
    const users = await this.em.find(User, {
      select: { id: true, name: true, role: true },
      where: { id: In(userIds) },
    });
    const others = users.filter((u) => !isLearnerRole(u.role));
    if (others.length > 0) {
      const names = others
        .slice(0, 5)
        .map((u) => u.name)
        .join('、');
      throw AssignmentErrors.userNotLearner(names);
    }
  }

  /** Members of the new assignment who already had the course from another active assignment. */
  private async countMerged(em: EntityManager, assignmentId: string): Promise<number> {
    const filter = { assignmentIds: [assignmentId] };
    const [row] = await rawRows<{ n: unknown }>(
      em,
      `SELECT COUNT(*) AS "n" FROM (${membershipSql(filter)}) m` +
        ` JOIN (${requirementDueSql({ ...filter, sameCourses: true })}) r ON r."userId" = m."userId" WHERE r."assignments" > 1`,
      membershipParams(filter),
    );
    return toNumber(row?.n);
  }

  private async countMembers(em: EntityManager, assignmentId: string): Promise<number> {
    const filter = { assignmentIds: [assignmentId] };
    const [row] = await rawRows<{ n: unknown }>(
      em,
      `SELECT COUNT(*) AS "n" FROM (${membershipSql(filter)}) m`,
      membershipParams(filter),
    );
    return toNumber(row?.n);
  }
}
