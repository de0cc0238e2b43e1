import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { formatBureauDateTime as formatBureauTime } from '../common/time/bureau-time';
import { TransactionRunner } from '../database/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { CreateSessionDto, UpdateSessionDto } from './dto/session.dto';
import { EnrolmentService } from './enrolment.service';
import { SessionEnrolment, SessionTarget, SessionVenue } from './entities/session-parts.entity';
import { TrainingSession } from './entities/training-session.entity';
import { SessionCancellationService } from './session-cancellation.service';
import { SessionChecksService } from './session-checks.service';
import { SessionJobsService } from './session-jobs.service';
import { SESSION_CHANGED_KIND, SESSION_REMINDER_KIND } from './session-notifications';
import { SessionQueriesService } from './session-queries.service';
import { SessionView, SessionViewService } from './session-view.service';
import { SessionErrors } from './sessions.errors';
import { formFields, insertTargets, insertVenues, reassignVenues, sessionAsDto } from './session-form';

/**
 * Scheduling sessions: create, change and cancel, with the enrolment, notices, reminders and audit
 * each one brings. Reading is SessionQueriesService; the shown form is SessionViewService.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly enrolment: EnrolmentService,
    private readonly jobs: SessionJobsService,
    private readonly notifications: NotificationsService,
    private readonly checks: SessionChecksService,
    private readonly queries: SessionQueriesService,
    private readonly views: SessionViewService,
    private readonly cancellation: SessionCancellationService,
  ) {}

  async create(
    me: Principal,
    dto: CreateSessionDto,
    now = new Date(),
  ): Promise<{ id: string; enrolled: number; waitlisted: number }> {
    const times = this.checks.times(dto);
    const backfilled = dto.backfill === true;
    this.checks.assertStart(times.startsAt, backfilled, now);
    const unitIds = [...new Set(dto.unitIds)];
    await this.checks.assertUnits(unitIds);
    await this.checks.assertCourse(dto.courseId);
    await this.checks.assertVenues(dto.venues ?? []);
    const id = randomUUID();
    const session: TrainingSession = {
      id,
      ...formFields(dto),
      ...times,
      capacity: dto.capacity ?? null,
      status: 'scheduled',
      sequence: 0,
      codeSecret: randomBytes(32).toString('hex'),
      createdById: me.id,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      backfilled,
      cancelReason: null,
    };
    const counts = await this.tx.run(async (em) => {
      await em.insert(TrainingSession, session);
      await insertTargets(em, id, unitIds, dto.includeSubtree ?? true);
      await insertVenues(em, id, dto.venues ?? []);
      await this.enrolment.syncSessionIn(
        em,
        session,
        new Date(Math.min(now.getTime(), session.endsAt.getTime() - 1)),
      );
      const counted = await this.views.counts(em, id);
      await this.audit.recordIn(em, me, {
        action: backfilled ? 'session.backfill' : 'session.create',
        entityType: 'training_session',
        entityId: id,
        after: {
          backfilled,
          title: session.title,
          kind: session.kind,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          unitIds,
          ...counted,
        },
      });
      return counted;
    });
    await this.jobs.schedule(session, now);
    return { id, ...counts };
  }

  /** Any change bumps SEQUENCE; new target units are added; a new time moves the reminders. */
  async update(me: Principal, id: string, dto: UpdateSessionDto, now = new Date()): Promise<SessionView> {
    const current = await this.loadForEdit(id);
    const merged: CreateSessionDto = {
      ...sessionAsDto(current),
      ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)),
    } as CreateSessionDto;
    const times = this.checks.times(merged);
    if (times.startsAt.getTime() !== current.startsAt.getTime()) {
      this.checks.assertStart(times.startsAt, current.backfilled, now);
    }
    if (dto.unitIds) await this.checks.assertUnits(dto.unitIds);
    if (dto.courseId) await this.checks.assertCourse(dto.courseId);
    if (dto.venues) await this.checks.assertVenues(dto.venues);
    const changes: Partial<TrainingSession> = {
      ...formFields(merged),
      ...times,
      capacity: dto.capacity !== undefined ? dto.capacity : current.capacity,
      sequence: current.sequence + 1,
      updatedAt: now,
    };
    const updated = await this.tx.run(async (em) => {
      await em.update(TrainingSession, { id }, changes);
      const fresh = await em.findOneByOrFail(TrainingSession, { id });
      if (dto.unitIds) {
        const existing = new Set((await em.findBy(SessionTarget, { sessionId: id })).map((t) => t.unitId));
        const added = [...new Set(dto.unitIds)].filter((u) => !existing.has(u));
        await insertTargets(em, id, added, dto.includeSubtree ?? true);
      }
      if (dto.venues) {
        await em.update(SessionEnrolment, { sessionId: id }, { venueId: null });
        await em.delete(SessionVenue, { sessionId: id });
        await insertVenues(em, id, dto.venues);
        await reassignVenues(em, id);
      }
      await this.enrolment.syncSessionIn(em, fresh, now);
      await this.enrolment.applyCapacityIn(em, fresh);
      await this.tellAboutChange(em, current, fresh, now);
      await this.audit.recordIn(em, me, {
        action: 'session.update',
        entityType: 'training_session',
        entityId: id,
        before: {
          startsAt: current.startsAt.toISOString(),
          endsAt: current.endsAt.toISOString(),
          sequence: current.sequence,
        },
        after: { ...dto, sequence: fresh.sequence },
      });
      return fresh;
    });
    await this.jobs.schedule(updated, now);
    return this.views.view(updated);
  }

  /** A new time or place is told to everyone on the session; reminders sent for the old time are withdrawn if unread. */
  private async tellAboutChange(
    em: EntityManager,
    before: TrainingSession,
    after: TrainingSession,
    now: Date,
  ): Promise<void> {
    const moved =
      before.startsAt.getTime() !== after.startsAt.getTime() ||
      before.endsAt.getTime() !== after.endsAt.getTime();
    const relocated =
      (before.location ?? '') !== (after.location ?? '') ||
      (before.streamUrl ?? '') !== (after.streamUrl ?? '');
    if ((!moved && !relocated) || after.backfilled) return; // a 补录 tells nobody
    if (moved) await this.notifications.withdrawUnread(em, SESSION_REMINDER_KIND, [after.id]);
    const people = await em.find(SessionEnrolment, {
      where: { sessionId: after.id, state: In(['enrolled', 'waitlisted']) },
    });
    const where = after.location ?? after.streamUrl;
    await this.notifications.notify(
      em,
      people.filter((p) => p.attendance !== 'excused').map((p) => p.userId),
      {
        kind: SESSION_CHANGED_KIND,
        sourceId: after.id,
        title: `培训${moved ? '时间' : '地点'}变更：${after.title}`,
        body: `现定于 ${formatBureauTime(after.startsAt)} 至 ${formatBureauTime(after.endsAt)}${where ? `，地点：${where}` : ''}。`,
        link: `/my/sessions/${after.id}`,
      },
      now,
    );
  }

  /** Cancelling (also an ended session) is SessionCancellationService: it undoes attendance and 学时. */
  cancel(me: Principal, id: string, reason: string | undefined, now = new Date()): Promise<void> {
    return this.cancellation.cancel(me, id, reason, now);
  }

  /** A session the trainer may change: scheduled and not yet closed. */
  private async loadForEdit(id: string): Promise<TrainingSession> {
    const session = await this.queries.find(id);
    if (!session) throw SessionErrors.notFound();
    if (session.status !== 'scheduled') throw SessionErrors.notEditable();
    return session;
  }
}
