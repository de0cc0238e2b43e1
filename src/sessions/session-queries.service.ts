import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { inUnitSubtree, inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';
import { ScopeService } from '../units/scope.service';
import { AttendanceService } from './attendance.service';
import { EnrolmentService } from './enrolment.service';
import { SessionEnrolment, SessionVenue } from './entities/session-parts.entity';
import { closeTimeOf, TrainingSession } from './entities/training-session.entity';
import { SessionView, SessionViewService } from './session-view.service';
import { SessionErrors } from './sessions.errors';

/** Reading sessions: one by id, who may see it, the list a person may see, and their venues. */
@Injectable()
export class SessionQueriesService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly scope: ScopeService,
    private readonly enrolment: EnrolmentService,
    private readonly attendance: AttendanceService,
    private readonly views: SessionViewService,
  ) {}

  async codeSecret(id: string): Promise<string> {
    const row = await this.em.findOne(TrainingSession, {
      where: { id },
      select: { id: true, codeSecret: true },
    });
    if (!row) throw SessionErrors.notFound();
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
    if (!session) throw SessionErrors.notFoundOrHidden();
    session = await this.refresh(session, now);
    if (me.role === 'trainer' || me.role === 'admin') return session;
    if (await this.isCoordinator(me.id, id)) return session;
    const row = await this.em.findOneBy(SessionEnrolment, { sessionId: id, userId: me.id });
    if (row && row.state !== 'cancelled') return session;
    if (me.role === 'manager' && (await this.reachesScope(me, id))) return session;
    throw SessionErrors.notFoundOrHidden();
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
    const where = venueId
      ? { sessionId, coordinatorId: userId, id: venueId }
      : { sessionId, coordinatorId: userId };
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
        WHERE t."sessionId" = :sessionId AND (${inUnitSubtreeOf('u."path"', 'prefixLike')} OR (t."includeSubtree" = :yes AND ${inUnitSubtree(':prefix', 'u."path"')}))`,
      { sessionId, prefixLike: subtreePrefix(prefix), prefix, yes: true },
    );
    return toNumber(row?.n) > 0;
  }

  /** Sessions overlapping [from, to), as the caller may see them, by start. */
  async list(
    me: Principal,
    from: Date | null,
    to: Date | null,
    limit: number,
    offset: number,
    now = new Date(),
  ) {
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
          AND (${inUnitSubtreeOf('u."path"', 'prefixLike')} OR (t."includeSubtree" = :yes AND ${inUnitSubtree(':prefix', 'u."path"')})))`);
        Object.assign(params, { prefixLike: subtreePrefix(prefix), prefix, yes: true });
      }
      conditions.push(`(${visible.join(' OR ')})`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await rawRows<{ id: string }>(
      this.em,
      `SELECT s."id" FROM training_sessions s ${where} ORDER BY s."startsAt", s."id" LIMIT :limit OFFSET :offset`,
      params,
    );
    const [count] = await rawRows<{ n: unknown }>(
      this.em,
      `SELECT COUNT(*) AS "n" FROM training_sessions s ${where}`,
      params,
    );
    const sessions = rows.length
      ? await this.em.findBy(TrainingSession, { id: In(rows.map((r) => r.id)) })
      : [];
    const byId = new Map(sessions.map((s) => [s.id, s]));
    const items: SessionView[] = [];
    for (const r of rows) {
      const s = byId.get(r.id);
      if (s) items.push(await this.views.view(await this.refreshLight(s, now)));
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
}
