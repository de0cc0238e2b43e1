import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { rawRows, toDate } from '../database/sql/raw-sql';
import { CreditEntry } from '../completions/entities/credit-entry.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxService } from '../outbox/outbox.service';
import { ATTENDANCE_RECORDED } from '../outbox/outbox.events';
import { lockSession } from './session-lock';
import { AttendanceRecordDto } from './dto/session.dto';
import { AttendanceStatus, SessionEnrolment, SessionVenue } from './entities/session-parts.entity';
import { closeTimeOf, TrainingSession } from './entities/training-session.entity';
import { inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';
import { SessionErrors } from './sessions.errors';

const EARNS_CREDIT: AttendanceStatus[] = ['present', 'late'];

export interface RosterRow {
  enrolmentId: string;
  userId: string;
  username: string;
  name: string;
  unitId: string;
  unitName: string;
  venueId: string | null;
  venueName: string | null;
  state: SessionEnrolment['state'];
  status: AttendanceStatus | null;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  presenceMinutes: number | null;
  remark: string | null;
  markedAt: Date | null;
}

/** Bulk marking, the roster, and closing (absentees, 学时, outbox); check-in and check-out are in CheckInService. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Bulk marking by the trainer (everyone) or a venue coordinator (their venue's roster only, never
   * their own row). Every changed record is audit-logged with old → new and the remark/reason.
   * After closing, a change is final at once: 学时 added or withdrawn and `attendance.recorded` written again.
   */
  async mark(
    me: Principal,
    session: TrainingSession,
    records: AttendanceRecordDto[],
    reason: string | undefined,
    coordinatedVenues: string[] | null,
    now = new Date(),
  ) {
    if (session.status === 'cancelled') throw SessionErrors.attendanceSessionCancelled();
    const userIds = records.map((r) => r.userId);
    if (new Set(userIds).size !== userIds.length) throw SessionErrors.duplicateUser();
    // Nobody records their own attendance (a venue coordinator on their own venue's roster): the trainer does.
    if (userIds.includes(me.id)) throw SessionErrors.selfMark();
    return this.tx.run(async (em) => {
      const current = (await lockSession(em, session.id)) ?? session; // closing may have run since the read
      const rows = await em.findBy(SessionEnrolment, { sessionId: session.id, userId: In(userIds) });
      const byUser = new Map(rows.map((r) => [r.userId, r]));
      const unknown = userIds.filter((id) => !byUser.has(id) || byUser.get(id)?.state !== 'enrolled');
      if (unknown.length > 0) {
        throw SessionErrors.attendanceNotEnrolled(unknown.slice(0, 5).join('、'));
      }
      if (coordinatedVenues) {
        const outside = rows.filter((r) => !r.venueId || !coordinatedVenues.includes(r.venueId));
        if (outside.length > 0) throw SessionErrors.outsideVenue();
      }
      let changed = 0;
      for (const rec of records) {
        const row = byUser.get(rec.userId) as SessionEnrolment;
        const remark = rec.remark?.trim() || null;
        if (row.attendance === rec.status && (remark === null || remark === row.remark)) continue;
        await em.update(
          SessionEnrolment,
          { id: row.id },
          { attendance: rec.status, remark: remark ?? row.remark, markedById: me.id, markedAt: now },
        );
        await this.audit.recordIn(em, me, {
          action: 'attendance.mark',
          entityType: 'session_enrolment',
          entityId: row.id,
          before: { sessionId: session.id, userId: row.userId, status: row.attendance, remark: row.remark },
          after: {
            sessionId: session.id,
            userId: row.userId,
            status: rec.status,
            remark,
            reason: reason?.trim() || null,
          },
        });
        if (current.status === 'closed') {
          await this.finalise(em, current, { ...row, attendance: rec.status }, now);
        }
        changed++;
      }
      return { changed };
    });
  }

  /** Closing: idempotent; the delayed job and every read after the close time call it. */
  async close(sessionId: string, now = new Date()): Promise<boolean> {
    return this.tx.run(async (em) => {
      const session = await lockSession(em, sessionId);
      if (!session || session.status !== 'scheduled' || closeTimeOf(session).getTime() > now.getTime()) {
        return false;
      }
      // A 补录 is never auto-marked 缺席: its attendance is entered by hand, and only those rows count.
      if (!session.backfilled) {
        await em.update(
          SessionEnrolment,
          { sessionId, state: 'enrolled', attendance: IsNull() },
          { attendance: 'absent', markedAt: now },
        );
      }
      const rows = (await em.findBy(SessionEnrolment, { sessionId, state: 'enrolled' })).filter(
        (row) => row.attendance !== null,
      );
      for (const row of rows) await this.finalise(em, session, row, now);
      await em.update(TrainingSession, { id: sessionId }, { status: 'closed', closedAt: now });
      return true;
    });
  }

  /** 学时 for present/late (unique per officer and session, so idempotent) and the outbox event. */
  private async finalise(
    em: EntityManager,
    session: TrainingSession,
    row: SessionEnrolment,
    now: Date,
  ): Promise<void> {
    const status = row.attendance ?? 'absent';
    const earns = EARNS_CREDIT.includes(status) && Number(session.creditHours) > 0;
    const existing = await em.findOneBy(CreditEntry, {
      userId: row.userId,
      sourceType: 'session',
      sourceId: session.id,
    });
    if (earns && !existing) {
      await em.insert(CreditEntry, {
        id: randomUUID(),
        userId: row.userId,
        sourceType: 'session',
        sourceId: session.id,
        hours: Number(session.creditHours),
        earnedAt: now,
      });
    } else if (!earns && existing) {
      await em.delete(CreditEntry, { id: existing.id });
    }
    await em.update(SessionEnrolment, { id: row.id }, { finalisedAt: now });
    await this.outbox.append(em, ATTENDANCE_RECORDED, {
      sessionId: session.id,
      userId: row.userId,
      status,
      creditHours: earns ? Number(session.creditHours) : 0,
      presenceMinutes: row.presenceMinutes,
      recordedAt: now.toISOString(),
    });
  }

  /** The roster (waiting list included, cancelled left out), by venue, unit and name; optionally one venue's or scoped to a unit subtree. */
  async roster(
    sessionId: string,
    opts: { venueIds?: string[] | null; scopePrefix?: string | null } = {},
  ): Promise<RosterRow[]> {
    const where = [`e."sessionId" = :sessionId`, `e."state" <> 'cancelled'`];
    const params: Record<string, unknown> = { sessionId };
    if (opts.venueIds) {
      if (opts.venueIds.length === 0) return [];
      where.push(`e."venueId" IN (:...venueIds)`);
      params.venueIds = opts.venueIds;
    }
    if (opts.scopePrefix) {
      where.push(inUnitSubtreeOf('un."path"', 'prefix'));
      params.prefix = subtreePrefix(opts.scopePrefix);
    }
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT e."id" AS "enrolmentId", e."userId", u."username", u."name", u."unitId", un."name" AS "unitName", e."venueId", v."name" AS "venueName",
              e."state", e."attendance", e."checkedInAt", e."checkedOutAt", e."presenceMinutes", e."remark", e."markedAt"
         FROM session_enrolments e JOIN users u ON u."id" = e."userId" JOIN units un ON un."id" = u."unitId"
         LEFT JOIN session_venues v ON v."id" = e."venueId"
        WHERE ${where.join(' AND ')}
        ORDER BY CASE WHEN e."state" = 'enrolled' THEN 0 ELSE 1 END, v."name", un."path", u."username"`,
      params,
    );
    return rows.map((r) => ({
      enrolmentId: String(r.enrolmentId),
      userId: String(r.userId),
      username: String(r.username),
      name: String(r.name),
      unitId: String(r.unitId),
      unitName: String(r.unitName),
      venueId: (r.venueId as string | null) ?? null,
      venueName: (r.venueName as string | null) ?? null,
      state: r.state as SessionEnrolment['state'],
      status: (r.attendance as AttendanceStatus | null) ?? null,
      checkedInAt: toDate(r.checkedInAt),
      checkedOutAt: toDate(r.checkedOutAt),
      presenceMinutes:
        r.presenceMinutes === null || r.presenceMinutes === undefined ? null : Number(r.presenceMinutes),
      remark: (r.remark as string | null) ?? null,
      markedAt: toDate(r.markedAt),
    }));
  }

  venues(sessionId: string): Promise<SessionVenue[]> {
    return this.em.find(SessionVenue, { where: { sessionId }, order: { name: 'ASC' } });
  }
}
