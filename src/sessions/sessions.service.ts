import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { badRequest, conflict, notFound } from '../common/errors/app-error';
import { parseBureauInstant } from '../common/time/bureau-time';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { Course } from '../content/entities/course.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { ScopeService } from '../units/scope.service';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { AttendanceService } from './attendance.service';
import { CreateSessionDto, UpdateSessionDto, VenueDto } from './dto/session.dto';
import { EnrolmentService } from './enrolment.service';
import { SessionEnrolment, SessionTarget, SessionVenue } from './entities/session-parts.entity';
import { closeTimeOf, SessionMaterial, TrainingSession } from './entities/training-session.entity';
import { SessionJobsService } from './session-jobs.service';
import { formatBureauDateTime as formatBureauTime } from '../common/time/bureau-time';
import { SESSION_CANCELLED_KIND, SESSION_CHANGED_KIND, SESSION_REMINDER_KIND } from './session-notifications';

export interface SessionView {
  id: string;
  kind: TrainingSession['kind'];
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  checkInOpensAt: Date;
  lateAfter: Date;
  checkInClosesAt: Date;
  checkInOpensMinutes: number;
  lateGraceMinutes: number;
  location: string | null;
  streamUrl: string | null;
  noticeNumber: string | null;
  capacity: number | null;
  creditHours: number;
  minPresenceRatio: number;
  courseId: string | null;
  materials: SessionMaterial[];
  status: TrainingSession['status'];
  sequence: number;
  units: Array<{ id: string; name: string; includeSubtree: boolean }>;
  venues: Array<{ id: string; name: string; location: string | null; unitId: string | null; coordinatorId: string; coordinatorName: string }>;
  counts: { enrolled: number; waitlisted: number };
}

const MINUTE = 60_000;
const trimOrNull = (v: string | undefined | null) => (v && v.trim() !== '' ? v.trim() : null);

/** Sessions: create, change, cancel, and who may see which session. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly enrolment: EnrolmentService,
    private readonly attendance: AttendanceService,
    private readonly jobs: SessionJobsService,
    private readonly notifications: NotificationsService,
  ) {}

  async create(me: Principal, dto: CreateSessionDto, now = new Date()): Promise<{ id: string; enrolled: number; waitlisted: number }> {
    const times = this.times(dto);
    const unitIds = [...new Set(dto.unitIds)];
    await this.assertUnits(unitIds);
    await this.assertCourse(dto.courseId);
    await this.assertVenues(dto.venues ?? []);
    const id = randomUUID();
    const session: TrainingSession = {
      id,
      kind: dto.kind,
      title: dto.title.trim(),
      description: trimOrNull(dto.description),
      ...times,
      checkInOpensMinutes: dto.checkInOpensMinutes ?? 30,
      lateGraceMinutes: dto.lateGraceMinutes ?? 10,
      location: trimOrNull(dto.location),
      streamUrl: trimOrNull(dto.streamUrl),
      noticeNumber: trimOrNull(dto.noticeNumber),
      capacity: dto.capacity ?? null,
      creditHours: dto.creditHours,
      minPresenceRatio: dto.minPresenceRatio ?? 0.8,
      courseId: trimOrNull(dto.courseId),
      materials: JSON.stringify(dto.materials ?? []),
      status: 'scheduled',
      sequence: 0,
      codeSecret: randomBytes(32).toString('hex'),
      createdById: me.id,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    const counts = await this.tx.run(async (em) => {
      await em.insert(TrainingSession, session);
      await em.insert(SessionTarget, unitIds.map((unitId) => ({ id: randomUUID(), sessionId: id, unitId, includeSubtree: dto.includeSubtree ?? true })));
      await this.insertVenues(em, id, dto.venues ?? []);
      await this.enrolment.syncSessionIn(em, session, new Date(Math.min(now.getTime(), session.endsAt.getTime() - 1)));
      const counted = await this.counts(em, id);
      await this.audit.recordIn(em, { id: me.id, username: me.username }, {
        action: 'session.create',
        entityType: 'training_session',
        entityId: id,
        after: { title: session.title, kind: session.kind, startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString(), unitIds, ...counted },
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
      ...this.asDto(current),
      ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)),
    } as CreateSessionDto;
    const times = this.times(merged);
    if (dto.unitIds) await this.assertUnits(dto.unitIds);
    if (dto.courseId) await this.assertCourse(dto.courseId);
    if (dto.venues) await this.assertVenues(dto.venues);
    const changes: Partial<TrainingSession> = {
      kind: merged.kind,
      title: merged.title.trim(),
      description: trimOrNull(merged.description),
      ...times,
      checkInOpensMinutes: merged.checkInOpensMinutes ?? 30,
      lateGraceMinutes: merged.lateGraceMinutes ?? 10,
      location: trimOrNull(merged.location),
      streamUrl: trimOrNull(merged.streamUrl),
      noticeNumber: trimOrNull(merged.noticeNumber),
      capacity: dto.capacity !== undefined ? dto.capacity : current.capacity,
      creditHours: merged.creditHours,
      minPresenceRatio: merged.minPresenceRatio ?? 0.8,
      courseId: trimOrNull(merged.courseId),
      materials: JSON.stringify(merged.materials ?? []),
      sequence: current.sequence + 1,
      updatedAt: now,
    };
    const updated = await this.tx.run(async (em) => {
      await em.update(TrainingSession, { id }, changes);
      const fresh = await em.findOneByOrFail(TrainingSession, { id });
      if (dto.unitIds) {
        const existing = new Set((await em.findBy(SessionTarget, { sessionId: id })).map((t) => t.unitId));
        const added = [...new Set(dto.unitIds)].filter((u) => !existing.has(u));
        if (added.length > 0) await em.insert(SessionTarget, added.map((unitId) => ({ id: randomUUID(), sessionId: id, unitId, includeSubtree: dto.includeSubtree ?? true })));
      }
      if (dto.venues) {
        await em.update(SessionEnrolment, { sessionId: id }, { venueId: null });
        await em.delete(SessionVenue, { sessionId: id });
        await this.insertVenues(em, id, dto.venues);
        await this.reassignVenues(em, id);
      }
      await this.enrolment.syncSessionIn(em, fresh, now);
      await this.enrolment.applyCapacityIn(em, fresh);
      await this.tellAboutChange(em, current, fresh, now);
      await this.audit.recordIn(em, { id: me.id, username: me.username }, {
        action: 'session.update',
        entityType: 'training_session',
        entityId: id,
        before: { startsAt: current.startsAt.toISOString(), endsAt: current.endsAt.toISOString(), sequence: current.sequence },
        after: { ...dto, sequence: fresh.sequence },
      });
      return fresh;
    });
    await this.jobs.schedule(updated, now);
    return this.view(updated);
  }

  /** A new time or place is told to everyone on the session; reminders sent for the old time are withdrawn if unread. */
  private async tellAboutChange(em: EntityManager, before: TrainingSession, after: TrainingSession, now: Date): Promise<void> {
    const moved = before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime();
    const relocated = (before.location ?? '') !== (after.location ?? '') || (before.streamUrl ?? '') !== (after.streamUrl ?? '');
    if (!moved && !relocated) return;
    if (moved) await this.notifications.withdrawUnread(em, SESSION_REMINDER_KIND, [after.id]);
    const people = await em.find(SessionEnrolment, { where: { sessionId: after.id, state: In(['enrolled', 'waitlisted']) } });
    const where = after.location ?? after.streamUrl;
    await this.notifications.notify(em, people.filter((p) => p.attendance !== 'excused').map((p) => p.userId), {
      kind: SESSION_CHANGED_KIND,
      sourceId: after.id,
      title: `培训${moved ? '时间' : '地点'}变更：${after.title}`,
      body: `现定于 ${formatBureauTime(after.startsAt)} 至 ${formatBureauTime(after.endsAt)}${where ? `，地点：${where}` : ''}。`,
      link: `/my/sessions/${after.id}`,
    }, now);
  }

  /** Cancelled sessions stay listed (STATUS:CANCELLED in calendars); reminders are removed and unread ones withdrawn. */
  async cancel(me: Principal, id: string, reason: string | undefined, now = new Date()): Promise<void> {
    const current = await this.loadForEdit(id);
    await this.tx.run(async (em) => {
      await em.update(TrainingSession, { id }, { status: 'cancelled', sequence: current.sequence + 1, updatedAt: now });
      await this.notifications.withdrawUnread(em, SESSION_REMINDER_KIND, [id]);
      const enrolled = await em.find(SessionEnrolment, { where: { sessionId: id, state: In(['enrolled', 'waitlisted']) } });
      await this.notifications.notify(em, enrolled.map((e) => e.userId), {
        kind: SESSION_CANCELLED_KIND,
        sourceId: id,
        title: `培训已取消：${current.title}`,
        body: `原定于 ${formatBureauTime(current.startsAt)} 的培训已取消。${reason?.trim() ? `原因：${reason.trim()}` : ''}`,
        link: `/my/sessions/${id}`,
      }, now);
      await this.audit.recordIn(em, { id: me.id, username: me.username }, {
        action: 'session.cancel',
        entityType: 'training_session',
        entityId: id,
        before: { status: current.status },
        after: { status: 'cancelled', reason: reason?.trim() || null },
      });
    });
    await this.jobs.unscheduleAll(id);
  }

  /** A session the trainer may change: scheduled and not yet closed. */
  private async loadForEdit(id: string): Promise<TrainingSession> {
    const session = await this.find(id);
    if (!session) throw notFound('SESSION.NOT_FOUND', '培训不存在');
    if (session.status !== 'scheduled') throw conflict('SESSION.NOT_EDITABLE', '已取消或已结束的培训不能修改');
    return session;
  }

  async codeSecret(id: string): Promise<string> {
    const row = await this.em.findOne(TrainingSession, { where: { id }, select: { id: true, codeSecret: true } });
    if (!row) throw notFound('SESSION.NOT_FOUND', '培训不存在');
    return row.codeSecret;
  }

  find(id: string): Promise<TrainingSession | null> {
    return this.em.findOneBy(TrainingSession, { id });
  }

  /**
   * The session if the caller may see it: trainers and admins all; a venue coordinator theirs; an
   * officer the sessions they are on; a manager those reaching their unit subtree. Else 404. Closing
   * and late-joiner enrolment are applied first (lazily), so every read sees the current state.
   */
  async visible(me: Principal, id: string, now = new Date()): Promise<TrainingSession> {
    let session = await this.find(id);
    if (!session) throw notFound('SESSION.NOT_FOUND', '培训不存在或无权查看');
    session = await this.refresh(session, now);
    if (me.role === 'trainer' || me.role === 'admin') return session;
    if (await this.isCoordinator(me.id, id)) return session;
    const row = await this.em.findOneBy(SessionEnrolment, { sessionId: id, userId: me.id });
    if (row && row.state !== 'cancelled') return session;
    if (me.role === 'manager' && (await this.reachesScope(me, id))) return session;
    throw notFound('SESSION.NOT_FOUND', '培训不存在或无权查看');
  }

  /** Lazy closing and late-joiner enrolment. */
  async refresh(session: TrainingSession, now = new Date()): Promise<TrainingSession> {
    if (session.status === 'scheduled' && closeTimeOf(session).getTime() <= now.getTime()) {
      await this.attendance.close(session.id, now);
      return (await this.find(session.id)) as TrainingSession;
    }
    await this.enrolment.syncSession(session, now);
    return session;
  }

  async isCoordinator(userId: string, sessionId: string, venueId?: string | null): Promise<boolean> {
    const where = venueId ? { sessionId, coordinatorId: userId, id: venueId } : { sessionId, coordinatorId: userId };
    return (await this.em.countBy(SessionVenue, where)) > 0;
  }

  async coordinatedVenueIds(userId: string, sessionId: string): Promise<string[]> {
    return (await this.em.findBy(SessionVenue, { sessionId, coordinatorId: userId })).map((v) => v.id);
  }

  private async reachesScope(me: Principal, sessionId: string): Promise<boolean> {
    const prefix = await this.scope.unitPathPrefix(me);
    if (prefix === null) return true;
    const [row] = await rawRows<{ n: unknown }>(
      this.em,
      `SELECT COUNT(*) AS "n" FROM session_targets t JOIN units u ON u."id" = t."unitId"
        WHERE t."sessionId" = :sessionId AND (u."path" LIKE :prefixLike OR (t."includeSubtree" = :yes AND :prefix LIKE (u."path" || '%')))`,
      { sessionId, prefixLike: `${prefix}%`, prefix, yes: true },
    );
    return toNumber(row?.n) > 0;
  }

  /** Sessions overlapping [from, to), as the caller may see them, by start. */
  async list(me: Principal, from: Date | null, to: Date | null, limit: number, offset: number, now = new Date()) {
    if (me.role === 'officer') await this.enrolment.syncUser(me.id, now);
    const conditions: string[] = [];
    const params: Record<string, unknown> = { limit, offset, me: me.id };
    if (from) {
      conditions.push(`s."endsAt" > :from`);
      params.from = from;
    }
    if (to) {
      conditions.push(`s."startsAt" < :to`);
      params.to = to;
    }
    if (me.role === 'officer' || me.role === 'manager') {
      const visible = [
        `EXISTS (SELECT 1 FROM session_enrolments e WHERE e."sessionId" = s."id" AND e."userId" = :me AND e."state" <> 'cancelled')`,
        `EXISTS (SELECT 1 FROM session_venues v WHERE v."sessionId" = s."id" AND v."coordinatorId" = :me)`,
      ];
      const prefix = await this.scope.unitPathPrefix(me);
      if (me.role === 'manager' && prefix) {
        visible.push(`EXISTS (SELECT 1 FROM session_targets t JOIN units u ON u."id" = t."unitId" WHERE t."sessionId" = s."id"
          AND (u."path" LIKE :prefixLike OR (t."includeSubtree" = :yes AND :prefix LIKE (u."path" || '%'))))`);
        Object.assign(params, { prefixLike: `${prefix}%`, prefix, yes: true });
      }
      conditions.push(`(${visible.join(' OR ')})`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await rawRows<{ id: string }>(this.em, `SELECT s."id" FROM training_sessions s ${where} ORDER BY s."startsAt", s."id" LIMIT :limit OFFSET :offset`, params);
    const [count] = await rawRows<{ n: unknown }>(this.em, `SELECT COUNT(*) AS "n" FROM training_sessions s ${where}`, params);
    const sessions = rows.length ? await this.em.findBy(TrainingSession, { id: In(rows.map((r) => r.id)) }) : [];
    const byId = new Map(sessions.map((s) => [s.id, s]));
    const items: SessionView[] = [];
    for (const r of rows) {
      const s = byId.get(r.id);
      if (s) items.push(await this.view(await this.refreshLight(s, now)));
    }
    return { items, total: toNumber(count?.n) };
  }

  /** Lists close sessions lazily but do not enrol late joiners of every session (the detail read does). */
  private async refreshLight(session: TrainingSession, now: Date): Promise<TrainingSession> {
    if (session.status === 'scheduled' && closeTimeOf(session).getTime() <= now.getTime()) {
      await this.attendance.close(session.id, now);
      return (await this.find(session.id)) as TrainingSession;
    }
    return session;
  }

  async view(s: TrainingSession): Promise<SessionView> {
    const units = await rawRows<{ id: string; name: string; includeSubtree: unknown }>(
      this.em,
      `SELECT u."id", u."name", t."includeSubtree" FROM session_targets t JOIN units u ON u."id" = t."unitId" WHERE t."sessionId" = :id ORDER BY u."path"`,
      { id: s.id },
    );
    const venues = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT v."id", v."name", v."location", v."unitId", v."coordinatorId", u."name" AS "coordinatorName"
         FROM session_venues v JOIN users u ON u."id" = v."coordinatorId" WHERE v."sessionId" = :id ORDER BY v."name"`,
      { id: s.id },
    );
    return {
      id: s.id,
      kind: s.kind,
      title: s.title,
      description: s.description,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      checkInOpensAt: new Date(s.startsAt.getTime() - s.checkInOpensMinutes * MINUTE),
      lateAfter: new Date(s.startsAt.getTime() + s.lateGraceMinutes * MINUTE),
      checkInClosesAt: s.checkInClosesAt,
      checkInOpensMinutes: s.checkInOpensMinutes,
      lateGraceMinutes: s.lateGraceMinutes,
      location: s.location,
      streamUrl: s.streamUrl,
      noticeNumber: s.noticeNumber,
      capacity: s.capacity,
      creditHours: Number(s.creditHours),
      minPresenceRatio: Number(s.minPresenceRatio),
      courseId: s.courseId,
      materials: JSON.parse(s.materials || '[]') as SessionMaterial[],
      status: s.status,
      sequence: s.sequence,
      units: units.map((u) => ({ id: u.id, name: u.name, includeSubtree: u.includeSubtree === true || u.includeSubtree === 1 })),
      venues: venues.map((v) => ({
        id: String(v.id),
        name: String(v.name),
        location: (v.location as string | null) ?? null,
        unitId: (v.unitId as string | null) ?? null,
        coordinatorId: String(v.coordinatorId),
        coordinatorName: String(v.coordinatorName),
      })),
      counts: await this.counts(this.em, s.id),
    };
  }

  async counts(em: EntityManager, sessionId: string): Promise<{ enrolled: number; waitlisted: number }> {
    const rows = await rawRows<{ state: string; n: unknown }>(
      em,
      `SELECT "state", COUNT(*) AS "n" FROM session_enrolments WHERE "sessionId" = :sessionId GROUP BY "state"`,
      { sessionId },
    );
    const n = (state: string) => toNumber(rows.find((r) => r.state === state)?.n);
    return { enrolled: n('enrolled'), waitlisted: n('waitlisted') };
  }

  private times(dto: Pick<CreateSessionDto, 'startsAt' | 'endsAt' | 'checkInClosesAt'>): Pick<TrainingSession, 'startsAt' | 'endsAt' | 'checkInClosesAt'> {
    const startsAt = parseBureauInstant(dto.startsAt);
    const endsAt = parseBureauInstant(dto.endsAt);
    if (!startsAt) throw badRequest('VALIDATION.FAILED', '开始时间格式不正确', { startsAt: 'isIso8601' });
    if (!endsAt) throw badRequest('VALIDATION.FAILED', '结束时间格式不正确', { endsAt: 'isIso8601' });
    if (endsAt.getTime() <= startsAt.getTime()) throw badRequest('SESSION.END_BEFORE_START', '结束时间必须晚于开始时间', { endsAt: 'before_start' });
    const closes = dto.checkInClosesAt ? parseBureauInstant(dto.checkInClosesAt) : endsAt;
    if (!closes || closes.getTime() <= startsAt.getTime()) {
      throw badRequest('SESSION.CHECKIN_CLOSE_INVALID', '签到截止时间必须晚于开始时间', { checkInClosesAt: 'before_start' });
    }
    return { startsAt, endsAt, checkInClosesAt: closes };
  }

  private async assertUnits(unitIds: string[]): Promise<void> {
    const found = await this.em.countBy(Unit, { id: In(unitIds) });
    if (found !== new Set(unitIds).size) throw badRequest('SESSION.UNKNOWN_UNIT', '所选单位不存在，请重新选择', { unitIds: 'not_found' });
  }

  private async assertCourse(courseId: string | undefined): Promise<void> {
    if (!courseId) return;
    if (!(await this.em.findOneBy(Course, { id: courseId }))) throw badRequest('SESSION.UNKNOWN_COURSE', '关联课程不存在', { courseId: 'not_found' });
  }

  /** A coordinator is a trainer or an officer given the duty (never a disabled account). */
  private async assertVenues(venues: VenueDto[]): Promise<void> {
    for (const v of venues) {
      const user = await this.em.findOneBy(User, { id: v.coordinatorId });
      if (!user || user.disabled || !['trainer', 'officer', 'admin'].includes(user.role)) {
        throw badRequest('SESSION.UNKNOWN_COORDINATOR', `分会场“${v.name}”的负责人不存在或不可用`, { venues: 'coordinator_not_found' });
      }
      if (v.unitId && !(await this.em.findOneBy(Unit, { id: v.unitId }))) {
        throw badRequest('SESSION.UNKNOWN_UNIT', `分会场“${v.name}”的单位不存在`, { venues: 'unit_not_found' });
      }
    }
  }

  private async insertVenues(em: EntityManager, sessionId: string, venues: VenueDto[]): Promise<void> {
    if (venues.length === 0) return;
    await em.insert(
      SessionVenue,
      venues.map((v) => ({ id: randomUUID(), sessionId, name: v.name.trim(), location: trimOrNull(v.location), unitId: v.unitId ?? null, coordinatorId: v.coordinatorId })),
    );
  }

  private async reassignVenues(em: EntityManager, sessionId: string): Promise<void> {
    const venues = await rawRows<{ id: string; path: string }>(
      em,
      `SELECT v."id", u."path" FROM session_venues v JOIN units u ON u."id" = v."unitId" WHERE v."sessionId" = :sessionId`,
      { sessionId },
    );
    for (const v of venues.sort((a, b) => a.path.length - b.path.length)) {
      await rawRows(
        em,
        `UPDATE session_enrolments SET "venueId" = :venueId WHERE "sessionId" = :sessionId AND "userId" IN
           (SELECT us."id" FROM users us JOIN units un ON un."id" = us."unitId" WHERE un."path" LIKE :pathLike)`,
        { venueId: v.id, sessionId, pathLike: `${v.path}%` },
      );
    }
  }

  private asDto(s: TrainingSession): CreateSessionDto {
    return {
      title: s.title,
      kind: s.kind,
      description: s.description ?? undefined,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      checkInClosesAt: s.checkInClosesAt.getTime() === s.endsAt.getTime() ? undefined : s.checkInClosesAt.toISOString(),
      checkInOpensMinutes: s.checkInOpensMinutes,
      lateGraceMinutes: s.lateGraceMinutes,
      location: s.location ?? undefined,
      streamUrl: s.streamUrl ?? undefined,
      noticeNumber: s.noticeNumber ?? undefined,
      capacity: s.capacity ?? undefined,
      unitIds: [],
      creditHours: Number(s.creditHours),
      minPresenceRatio: Number(s.minPresenceRatio),
      courseId: s.courseId ?? undefined,
      materials: JSON.parse(s.materials || '[]') as SessionMaterial[],
    };
  }
}

