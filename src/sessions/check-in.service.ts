import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { OncePerInterval } from '../auth/once-per-interval';
import type { Principal } from '../auth/principal';
import { TransactionRunner } from '../database/transaction-runner';
import { matchCode } from './check-in-code';
import { CheckInThrottleService } from './check-in-throttle.service';
import { AttendanceStatus, SessionEnrolment } from './entities/session-parts.entity';
import { TrainingSession } from './entities/training-session.entity';
import { lockSession } from './session-lock';
import { SessionErrors } from './sessions.errors';
import { presenceAt } from './presence';

const MINUTE = 60_000;
const CHECK_IN_FIELDS = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  checkInClosesAt: true,
  checkInOpensMinutes: true,
  lateGraceMinutes: true,
  codeSecret: true,
} as const;

/** Not found, not on the roster, cancelled, not yet open or closed: the checks before the code. */
function refuseOutsideWindow(session: TrainingSession | null, row: SessionEnrolment | null, now: Date): void {
  if (!session) throw SessionErrors.notFound();
  if (!row) throw SessionErrors.notFoundOrNotListed();
  if (session.status === 'cancelled') throw SessionErrors.checkInSessionCancelled();
  const opensAt = session.startsAt.getTime() - session.checkInOpensMinutes * MINUTE;
  if (now.getTime() < opensAt) throw SessionErrors.checkInNotOpen(session.checkInOpensMinutes);
  if (session.status === 'closed' || now.getTime() >= session.checkInClosesAt.getTime()) {
    throw SessionErrors.checkInClosed();
  }
}

/** The officer's own attendance: self check-in with the rotating code, and check-out for broadcasts. */
@Injectable()
export class CheckInService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly throttle: CheckInThrottleService,
  ) {}

  /** Audit refused check-ins once a minute per officer and session, not once per guess. */
  private readonly auditOnce = new OncePerInterval(60_000);

  /**
   * Self check-in with the rotating code. Checks in order: on the roster, window, code, enrolled (not
   * waitlisted), replay. `late` after start + grace. Every attempt is counted by the throttle first; a
   * wrong code is found by reads alone (no write, no lock) and audit-logged once a minute per officer
   * and session; only a right code enters the write transaction.
   */
  async checkIn(
    actor: Actor,
    sessionId: string,
    code: string,
    now = new Date(),
  ): Promise<{ status: AttendanceStatus; checkedInAt: Date }> {
    await this.throttle.reserve(actor.id, sessionId).catch(async (error: unknown) => {
      if (this.auditOnce.firstIn(`throttled|${actor.id}|${sessionId}`)) {
        await this.audit.record(actor, {
          action: 'session.checkin.throttled',
          entityType: 'session',
          entityId: sessionId,
        });
      }
      throw error;
    });
    let wrongGuess = false;
    try {
      const session = await this.em.findOne(TrainingSession, {
        where: { id: sessionId },
        select: CHECK_IN_FIELDS,
      });
      const row = session ? await this.em.findOneBy(SessionEnrolment, { sessionId, userId: actor.id }) : null;
      refuseOutsideWindow(session, row, now);
      if (matchCode((session as TrainingSession).codeSecret, sessionId, code, now).kind === 'wrong') {
        wrongGuess = true;
        if (this.auditOnce.firstIn(`wrong|${actor.id}|${sessionId}`)) {
          await this.audit.record(actor, {
            action: 'session.checkin.wrong_code',
            entityType: 'session',
            entityId: sessionId,
          });
        }
        throw SessionErrors.wrongCode();
      }
      return await this.recordCheckIn(actor.id, sessionId, code, now);
    } finally {
      if (!wrongGuess) await this.throttle.giveBack(actor.id, sessionId);
    }
  }

  private recordCheckIn(userId: string, sessionId: string, code: string, now: Date) {
    return this.tx.run(async (em) => {
      await lockSession(em, sessionId);
      const session = await em.findOne(TrainingSession, {
        where: { id: sessionId },
        select: CHECK_IN_FIELDS,
      });
      const row = session ? await em.findOneBy(SessionEnrolment, { sessionId, userId }) : null;
      refuseOutsideWindow(session, row, now); // closing or cancelling may have run since the read
      const enrolment = row as SessionEnrolment;
      const match = matchCode((session as TrainingSession).codeSecret, sessionId, code, now);
      if (match.kind === 'expired') throw SessionErrors.codeExpired();
      if (match.kind === 'wrong') throw SessionErrors.wrongCode();
      if (enrolment.state !== 'enrolled') throw SessionErrors.checkInNotEnrolled();
      if (enrolment.attendance === 'excused') throw SessionErrors.excused();
      if (enrolment.checkedInAt) {
        if (enrolment.checkInSlot === match.slot) throw SessionErrors.codeReused();
        throw SessionErrors.alreadyCheckedIn();
      }
      const s = session as TrainingSession;
      const status: AttendanceStatus =
        now.getTime() > s.startsAt.getTime() + s.lateGraceMinutes * MINUTE ? 'late' : 'present';
      await em.update(
        SessionEnrolment,
        { id: enrolment.id },
        { attendance: status, checkedInAt: now, checkInSlot: match.slot },
      );
      return { status, checkedInAt: now };
    });
  }

  /**
   * Check-out (broadcasts): presence counts from the later of check-in and start to the earlier of
   * now and the end; below the session's minimum ratio the officer is `left_early`.
   */
  async checkOut(
    me: Principal,
    sessionId: string,
    now = new Date(),
  ): Promise<{ status: AttendanceStatus; presenceMinutes: number }> {
    return this.tx.run(async (em) => {
      const locked = await lockSession(em, sessionId);
      const found = locked ? await em.findOneBy(SessionEnrolment, { sessionId, userId: me.id }) : null;
      const { session, row, checkedInAt } = checkOutGate(locked, found);
      const { presenceMinutes, early: below } = presenceAt(session, checkedInAt, now);
      const status: AttendanceStatus = below ? 'left_early' : (row.attendance ?? 'present');
      await em.update(
        SessionEnrolment,
        { id: row.id },
        { checkedOutAt: now, presenceMinutes, attendance: status },
      );
      return { status, presenceMinutes };
    });
  }
}

/** Whether this officer may check out of this session now (the page asks before it records); returns the check-in time. */
export function checkOutGate(
  session: TrainingSession | null,
  row: SessionEnrolment | null,
): { session: TrainingSession; row: SessionEnrolment; checkedInAt: Date } {
  if (!session || !row) throw SessionErrors.notFoundOrNotListed();
  if (session.kind !== 'broadcast') throw SessionErrors.notBroadcast();
  if (session.status !== 'scheduled') throw SessionErrors.checkoutClosed();
  if (!row.checkedInAt) throw SessionErrors.notCheckedIn();
  if (row.checkedOutAt) throw SessionErrors.alreadyCheckedOut();
  return { session, row, checkedInAt: row.checkedInAt };
}
