import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { TransactionRunner } from '../database/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { formatBureauDateTime as formatBureauTime } from '../common/time/bureau-time';
import { SESSION_ENROLLED_KIND, SESSION_EXCUSE_KIND } from './session-notifications';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { SessionEnrolment, SessionExcuse } from './entities/session-parts.entity';
import { TrainingSession } from './entities/training-session.entity';
import { lockSession } from './session-lock';
import { openSessionsReachingSql, targetOfficersSql } from './session-members.sql';
import { SessionErrors } from './sessions.errors';
import { enrolledMessage, venueFor, venuesWithPaths, waitlistedMessage } from './enrolment-helpers';

/**
 * Enrolment rows. Target officers are enrolled when the session is created; officers who join a
 * target unit later (new account or moved) are enrolled lazily and set-based by `syncSession` /
 * `syncUser`, which run on every read that needs the roster or the officer's sessions, until the
 * session ends. Past capacity, new rows go on the waiting list in order; an excuse or a cancelled
 * enrolment promotes the first on the list.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Enrols the target officers that have no row yet. Returns how many rows were added. */
  async syncSessionIn(em: EntityManager, session: TrainingSession, now = new Date()): Promise<number> {
    if (session.status !== 'scheduled' || session.endsAt.getTime() <= now.getTime()) return 0;
    // Once a session has begun, an account created since is not on it: it could never have attended
    // and would be finalised as 缺席. A 补录 enrols everyone there is (the class is recorded afterwards).
    const begun = !session.backfilled && session.startsAt.getTime() <= now.getTime();
    const missing = await rawRows<{ userId: string; unitPath: string; username: string }>(
      em,
      `SELECT m.* FROM (${targetOfficersSql}) m
        WHERE NOT EXISTS (SELECT 1 FROM session_enrolments e WHERE e."sessionId" = :sid AND e."userId" = m."userId")
          ${begun ? 'AND m."createdAt" <= :startsAt' : ''}
        ORDER BY m."unitPath", m."username"`,
      { sid: session.id, mYes: true, mNo: false, startsAt: session.startsAt },
    );
    if (missing.length === 0) return 0;
    const venues = await venuesWithPaths(em, session.id);
    let taken = await this.countEnrolled(em, session.id);
    // One millisecond apart, so the waiting list keeps the order of this batch (unit, then username).
    const rows = missing.map((m, i) => {
      const full = session.capacity !== null && taken >= session.capacity;
      if (!full) taken++;
      return {
        id: randomUUID(),
        sessionId: session.id,
        userId: m.userId,
        venueId: venueFor(venues, m.unitPath),
        state: full ? ('waitlisted' as const) : ('enrolled' as const),
        enrolledAt: new Date(now.getTime() + i),
      };
    });
    for (let i = 0; i < rows.length; i += 80) await em.insert(SessionEnrolment, rows.slice(i, i + 80));
    if (session.backfilled) return rows.length; // a 补录 tells nobody: the class is over
    const told = (state: string) => rows.filter((r) => r.state === state).map((r) => r.userId);
    await this.notifications.notify(em, told('enrolled'), enrolledMessage(session, now), now);
    await this.notifications.notify(em, told('waitlisted'), waitlistedMessage(session), now);
    return rows.length;
  }

  async syncSession(session: TrainingSession, now = new Date()): Promise<void> {
    if (session.status !== 'scheduled' || session.endsAt.getTime() <= now.getTime()) return;
    // Reads are frequent and late joiners rare: take a write transaction only when someone is missing.
    const begun = !session.backfilled && session.startsAt.getTime() <= now.getTime();
    const [missing] = await rawRows<{ n: unknown }>(
      this.em,
      `SELECT COUNT(*) AS "n" FROM (${targetOfficersSql}) m
        WHERE NOT EXISTS (SELECT 1 FROM session_enrolments e WHERE e."sessionId" = :sid AND e."userId" = m."userId")
          ${begun ? 'AND m."createdAt" <= :startsAt' : ''}`,
      { sid: session.id, mYes: true, mNo: false, startsAt: session.startsAt },
    );
    if (toNumber(missing?.n) === 0) return;
    await this.tx.run(async (em) => {
      const fresh = await lockSession(em, session.id);
      if (fresh) await this.syncSessionIn(em, fresh, now);
    });
  }

  /** Enrols an officer in the open sessions that now reach their unit (late joiner). */
  async syncUser(userId: string, now = new Date()): Promise<void> {
    const user = await this.em.findOneBy(User, { id: userId });
    if (!user || user.role !== 'officer' || user.disabled) return;
    const unit = await this.em.findOneBy(Unit, { id: user.unitId });
    if (!unit) return;
    const ids = await rawRows<{ id: string }>(this.em, openSessionsReachingSql, {
      now,
      userPath: unit.path,
      mYes: true,
      userId,
    });
    if (ids.length === 0) return;
    await this.tx.run(async (em) => {
      for (const { id } of ids) {
        const session = await lockSession(em, id);
        if (session) await this.syncSessionIn(em, session, now);
      }
    });
  }

  async countEnrolled(em: EntityManager, sessionId: string): Promise<number> {
    const [row] = await rawRows<{ n: unknown }>(
      em,
      `SELECT COUNT(*) AS "n" FROM session_enrolments WHERE "sessionId" = :sessionId AND "state" = 'enrolled' AND ("attendance" IS NULL OR "attendance" <> 'excused')`,
      { sessionId },
    );
    return toNumber(row?.n);
  }

  /** Fills free places from the waiting list, first come first served. Returns the promoted user ids. */
  async promoteIn(em: EntityManager, session: TrainingSession): Promise<string[]> {
    if (session.capacity === null) return [];
    const free = session.capacity - (await this.countEnrolled(em, session.id));
    if (free <= 0) return [];
    const waiting = await em.find(SessionEnrolment, {
      where: { sessionId: session.id, state: 'waitlisted' },
      order: { enrolledAt: 'ASC', id: 'ASC' },
      take: free,
    });
    for (const w of waiting) await em.update(SessionEnrolment, { id: w.id }, { state: 'enrolled' });
    await this.notifications.notify(
      em,
      waiting.map((w) => w.userId),
      {
        kind: SESSION_ENROLLED_KIND,
        sourceId: session.id,
        title: `候补转正：${session.title}`,
        body: `您已从候补名单转为正式参训人员，培训于 ${formatBureauTime(session.startsAt)} 开始。`,
        link: `/my/sessions/${session.id}`,
      },
    );
    return waiting.map((w) => w.userId);
  }

  /** When capacity changes: promote into new places (places are never taken back). */
  async applyCapacityIn(em: EntityManager, session: TrainingSession): Promise<void> {
    await this.promoteIn(em, session);
  }

  /** The trainer takes someone off the session (e.g. transferred); the place goes to the waiting list. */
  async cancelEnrolment(me: Principal, session: TrainingSession, userId: string): Promise<void> {
    await this.tx.run(async (em) => {
      // Locked first (PostgreSQL): two cancellations at once must not count the same free place twice.
      const locked = (await lockSession(em, session.id)) ?? session;
      const row = await em.findOneBy(SessionEnrolment, { sessionId: session.id, userId });
      if (!row || row.state === 'cancelled') throw SessionErrors.enrolmentNotFound();
      await em.update(SessionEnrolment, { id: row.id }, { state: 'cancelled' });
      const promoted = await this.promoteIn(em, locked);
      await this.audit.recordIn(em, me, {
        action: 'session.enrolment.cancel',
        entityType: 'session_enrolment',
        entityId: row.id,
        before: { state: row.state },
        after: { state: 'cancelled', promoted },
      });
    });
  }

  /** 请假: only an enrolled (or waitlisted) officer, before the start, one open request at a time. */
  async requestExcuse(
    me: Principal,
    session: TrainingSession,
    reason: string,
    now = new Date(),
  ): Promise<SessionExcuse> {
    if (session.status !== 'scheduled') throw SessionErrors.excuseSessionNotOpen();
    if (now.getTime() >= session.startsAt.getTime()) throw SessionErrors.excuseTooLate();
    return this.tx.run(async (em) => {
      const row = await em.findOneBy(SessionEnrolment, { sessionId: session.id, userId: me.id });
      if (!row || row.state === 'cancelled') throw SessionErrors.excuseNotEnrolled();
      if (row.attendance === 'excused') throw SessionErrors.excuseAlreadyApproved();
      const open = await em.findOneBy(SessionExcuse, {
        sessionId: session.id,
        userId: me.id,
        state: 'pending',
      });
      if (open) throw SessionErrors.excusePending();
      const excuse: SessionExcuse = {
        id: randomUUID(),
        sessionId: session.id,
        userId: me.id,
        reason: reason.trim(),
        state: 'pending',
        requestedAt: now,
        decidedById: null,
        decidedAt: null,
        decisionNote: null,
      };
      await em.insert(SessionExcuse, excuse);
      return excuse;
    });
  }

  /** Approving marks the officer `excused` (audit-logged) and gives the place to the waiting list. */
  async decideExcuse(
    me: Principal,
    session: TrainingSession,
    excuseId: string,
    approve: boolean,
    note?: string,
    now = new Date(),
  ): Promise<SessionExcuse> {
    return this.tx.run(async (em) => {
      const locked = (await lockSession(em, session.id)) ?? session; // as in cancelEnrolment
      const excuse = await em.findOneBy(SessionExcuse, { id: excuseId, sessionId: session.id });
      if (!excuse) throw SessionErrors.excuseNotFound();
      if (excuse.state !== 'pending') throw SessionErrors.excuseAlreadyDecided();
      const decided = {
        state: approve ? ('approved' as const) : ('refused' as const),
        decidedById: me.id,
        decidedAt: now,
        decisionNote: note?.trim() || null,
      };
      await em.update(SessionExcuse, { id: excuse.id }, decided);
      if (approve) {
        const row = await em.findOneBy(SessionEnrolment, { sessionId: session.id, userId: excuse.userId });
        if (row) {
          await em.update(
            SessionEnrolment,
            { id: row.id },
            { attendance: 'excused', remark: excuse.reason, markedById: me.id, markedAt: now },
          );
          await this.audit.recordIn(em, me, {
            action: 'attendance.mark',
            entityType: 'session_enrolment',
            entityId: row.id,
            before: { sessionId: session.id, userId: row.userId, status: row.attendance },
            after: {
              sessionId: session.id,
              userId: row.userId,
              status: 'excused',
              remark: excuse.reason,
              reason: '请假已批准',
            },
          });
          if (row.state === 'enrolled') await this.promoteIn(em, locked);
          else if (row.state === 'waitlisted') {
            await em.update(SessionEnrolment, { id: row.id }, { state: 'cancelled' });
          }
        }
      }
      await this.notifications.notify(
        em,
        [excuse.userId],
        {
          kind: SESSION_EXCUSE_KIND,
          sourceId: session.id,
          title: `请假${approve ? '已批准' : '未批准'}：${session.title}`,
          body: approve
            ? '您的请假申请已批准，本次培训记为请假。'
            : `您的请假申请未获批准${decided.decisionNote ? `（${decided.decisionNote}）` : ''}，请按时参加培训。`,
          link: `/my/sessions/${session.id}`,
        },
        now,
      );
      await this.audit.recordIn(em, me, {
        action: approve ? 'session.excuse.approve' : 'session.excuse.refuse',
        entityType: 'session_excuse',
        entityId: excuse.id,
        after: { ...decided, decidedAt: now.toISOString() },
      });
      return { ...excuse, ...decided };
    });
  }
}
