import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { formatBureauDateTime as formatBureauTime } from '../common/time/bureau-time';
import { CreditEntry } from '../completions/entities/credit-entry.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { ATTENDANCE_RECORDED } from '../outbox/outbox.events';
import { OutboxService } from '../outbox/outbox.service';
import { SessionEnrolment } from './entities/session-parts.entity';
import { TrainingSession } from './entities/training-session.entity';
import { SessionJobsService } from './session-jobs.service';
import { lockSession } from './session-lock';
import { SESSION_CANCELLED_KIND, SESSION_REMINDER_KIND } from './session-notifications';
import { SessionErrors } from './sessions.errors';

/**
 * Cancelling a session, also one that has ended (a wrongly created session must not count): the
 * reason is required; attendance and 学时 of the session are withdrawn and every affected officer is
 * rescored through the outbox (`attendance.recorded` with status `cancelled`), all in one transaction.
 */
@Injectable()
export class SessionCancellationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly jobs: SessionJobsService,
  ) {}

  async cancel(me: Principal, id: string, reason: string | undefined, now = new Date()): Promise<void> {
    const why = reason?.trim() ?? '';
    if (!why) throw SessionErrors.cancelReasonRequired();
    await this.tx.run(async (em) => {
      const current = await lockSession(em, id);
      if (!current) throw SessionErrors.notFound();
      if (current.status === 'cancelled') throw SessionErrors.alreadyCancelled();
      const withdrawn = await this.withdrawAttendance(em, current, now);
      await em.update(
        TrainingSession,
        { id },
        { status: 'cancelled', cancelReason: why, sequence: current.sequence + 1, updatedAt: now },
      );
      await this.notifications.withdrawUnread(em, SESSION_REMINDER_KIND, [id]);
      if (!current.backfilled) await this.tellEnrolled(em, current, why, now);
      await this.audit.recordIn(
        em,
        { id: me.id, username: me.username },
        {
          action: 'session.cancel',
          entityType: 'training_session',
          entityId: id,
          before: { status: current.status, backfilled: current.backfilled, ...withdrawn },
          after: { status: 'cancelled', reason: why },
        },
      );
    });
    await this.jobs.unscheduleAll(id);
  }

  /** Clears every attendance record and 学时 entry of the session; returns what was withdrawn (for the audit). */
  private async withdrawAttendance(em: EntityManager, session: TrainingSession, now: Date) {
    const marked = await em.find(SessionEnrolment, {
      where: [
        { sessionId: session.id, attendance: Not(IsNull()) },
        { sessionId: session.id, finalisedAt: Not(IsNull()) },
      ],
    });
    const credits = await em.findBy(CreditEntry, { sourceType: 'session', sourceId: session.id });
    const statuses: Record<string, number> = {};
    for (const row of marked) {
      const key = row.attendance ?? 'none';
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    if (credits.length > 0) await em.delete(CreditEntry, { id: In(credits.map((c) => c.id)) });
    if (marked.length > 0) {
      await em.update(
        SessionEnrolment,
        { id: In(marked.map((m) => m.id)) },
        { attendance: null, finalisedAt: null, markedAt: now },
      );
    }
    // Rescoring: everyone whose figures counted this session (a final record or 学时).
    const affected = [...new Set([...marked.map((m) => m.userId), ...credits.map((c) => c.userId)])];
    for (const userId of affected) {
      await this.outbox.append(em, ATTENDANCE_RECORDED, {
        sessionId: session.id,
        userId,
        status: 'cancelled',
        creditHours: 0,
        presenceMinutes: null,
        recordedAt: now.toISOString(),
      });
    }
    return {
      attendance: statuses,
      creditEntriesRemoved: credits.length,
      creditHoursRemoved: credits.reduce((sum, c) => sum + Number(c.hours), 0),
      officersRescored: affected.length,
    };
  }

  private async tellEnrolled(em: EntityManager, session: TrainingSession, why: string, now: Date) {
    const enrolled = await em.find(SessionEnrolment, {
      where: { sessionId: session.id, state: In(['enrolled', 'waitlisted']) },
    });
    await this.notifications.notify(
      em,
      enrolled.map((e) => e.userId),
      {
        kind: SESSION_CANCELLED_KIND,
        sourceId: session.id,
        title: `培训已取消：${session.title}`,
        body: `原定于 ${formatBureauTime(session.startsAt)} 的培训已取消，相关考勤与学时已撤销。原因：${why}`,
        link: `/my/sessions/${session.id}`,
      },
      now,
    );
  }
}
