import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/errors/app-error';
import { CalendarService } from '../calendar.service';
import { CheckInService, checkOutGate } from '../check-in.service';
import { nearEnd, presenceAt } from '../presence';
import { SessionEnrolment, SessionExcuse } from '../entities/session-parts.entity';
import { TrainingSession } from '../entities/training-session.entity';
import { MySessionsService } from '../my-sessions.service';
import { SessionQueriesService } from '../session-queries.service';
import { SessionViewService } from '../session-view.service';
import { SESSION_LABELS } from './session-labels';

/** What the 我的培训 pages show: the officer's list, and one session with what they may do on it now. */
@Injectable()
export class MySessionsPageService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly mine: MySessionsService,
    private readonly queries: SessionQueriesService,
    private readonly views: SessionViewService,
    private readonly calendar: CalendarService,
    private readonly checkIns: CheckInService,
  ) {}

  /** The list page; `feedUrl` only on the response that made a new feed address. */
  async index(me: Principal, feedUrl?: string) {
    const list = await this.mine.list(me.id);
    return {
      title: '我的培训',
      ...list,
      hasFeed: feedUrl ? true : await this.calendar.hasToken(me.id),
      ...(feedUrl ? { feedUrl } : {}),
      ...SESSION_LABELS,
    };
  }

  /** The check-in page's session. */
  async checkIn(session: TrainingSession) {
    return { title: `签到 · ${session.title}`, session: await this.views.view(session), ...SESSION_LABELS };
  }

  /** One session as the officer sees it, with the excuse, check-in and check-out they may do now. */
  async show(me: Principal, id: string) {
    const session = await this.views.view((await this.queries.find(id))!);
    const mine = await this.em.findOneBy(SessionEnrolment, { sessionId: id, userId: me.id });
    const excuse = await this.em.findOne(SessionExcuse, {
      where: { sessionId: id, userId: me.id },
      order: { requestedAt: 'DESC' },
    });
    const now = Date.now();
    const open = session.status === 'scheduled';
    return {
      title: session.title,
      session,
      mine,
      excuse,
      venueName: session.venues.find((v) => v.id === mine?.venueId)?.name ?? null,
      canExcuse:
        open &&
        !!mine &&
        mine.state !== 'cancelled' &&
        mine.attendance !== 'excused' &&
        excuse?.state !== 'pending' &&
        now < session.startsAt.getTime(),
      canCheckIn:
        open &&
        mine?.state === 'enrolled' &&
        !mine.checkedInAt &&
        mine.attendance !== 'excused' &&
        now >= session.checkInOpensAt.getTime() &&
        now < session.checkInClosesAt.getTime(),
      canCheckOut: open && session.kind === 'broadcast' && !!mine?.checkedInAt && !mine.checkedOutAt,
      // Near the end 签退 is the main action; earlier it is a secondary link to a confirmation.
      checkOutNearEnd: nearEnd(session, new Date(now)),
      coordinates: await this.queries.isCoordinator(me.id, id),
      ...SESSION_LABELS,
    };
  }

  /**
   * The 签退 page and post. Whoever may not check out gets the session page with the reason (404 not
   * listed, 409 not checked in ...). Before the end window a post records nothing without `confirm=1`:
   * the officer gets the confirmation with the consequence (「现在签退将记为早退」) instead.
   */
  async checkOut(
    me: Principal,
    id: string,
    mode: { ask: boolean; confirmed: boolean },
    now = new Date(),
  ): Promise<{ redirect: string } | { status: number; view: string; model: Record<string, unknown> }> {
    try {
      const session = await this.queries.find(id);
      const row = session
        ? await this.em.findOneBy(SessionEnrolment, { sessionId: id, userId: me.id })
        : null;
      const gate = checkOutGate(session, row);
      if (mode.ask || (!mode.confirmed && !nearEnd(gate.session, now))) {
        return { status: 200, view: 'sessions/my-check-out', model: await this.confirmModel(me, gate, now) };
      }
      await this.checkIns.checkOut(me, id, now);
      return { redirect: `/my/sessions/${id}?ok=checkout` };
    } catch (error) {
      if (!(error instanceof AppError) || error.getStatus() >= 500) throw error;
      return {
        status: error.getStatus(),
        view: 'sessions/my-show',
        model: { ...(await this.show(me, id)), errorMessage: error.message },
      };
    }
  }

  private async confirmModel(me: Principal, gate: ReturnType<typeof checkOutGate>, now: Date) {
    const { session, checkedInAt } = gate;
    return {
      title: `签退 · ${session.title}`,
      session: await this.views.view(session),
      preview: presenceAt(session, checkedInAt, now),
      beforeEnd: now.getTime() < session.endsAt.getTime(),
      minPresencePercent: Math.round(Number(session.minPresenceRatio) * 100),
    };
  }
}
