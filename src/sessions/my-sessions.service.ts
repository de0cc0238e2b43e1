import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import { EnrolmentService } from './enrolment.service';
import { AttendanceStatus, EnrolmentState, ExcuseState } from './entities/session-parts.entity';
import { SessionKind, SessionStatus, TrainingSession } from './entities/training-session.entity';
import { SessionQueriesService } from './session-queries.service';

export interface MySessionRow {
  id: string;
  kind: SessionKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  status: SessionStatus;
  state: EnrolmentState;
  attendance: AttendanceStatus | null;
  creditHours: number;
  earnedHours: number;
  excuseState: ExcuseState | null;
  venueName: string | null;
}

/** 我的培训: the officer's sessions, upcoming and past, with the 学时 each earned. */
@Injectable()
export class MySessionsService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly enrolment: EnrolmentService,
    private readonly sessions: SessionQueriesService,
  ) {}

  async list(
    userId: string,
    now = new Date(),
  ): Promise<{ upcoming: MySessionRow[]; history: MySessionRow[]; totalHours: number }> {
    await this.enrolment.syncUser(userId, now);
    await this.closeDue(userId, now);
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT s."id", s."kind", s."title", s."startsAt", s."endsAt", s."location", s."status", s."creditHours", e."state", e."attendance",
              v."name" AS "venueName", ce."hours" AS "earnedHours",
              (SELECT x."state" FROM session_excuses x WHERE x."sessionId" = s."id" AND x."userId" = e."userId" ORDER BY x."requestedAt" DESC LIMIT 1) AS "excuseState"
         FROM session_enrolments e JOIN training_sessions s ON s."id" = e."sessionId"
         LEFT JOIN session_venues v ON v."id" = e."venueId"
         LEFT JOIN credit_entries ce ON ce."userId" = e."userId" AND ce."sourceType" = 'session' AND ce."sourceId" = s."id"
        WHERE e."userId" = :userId AND e."state" <> 'cancelled'
        ORDER BY s."startsAt" DESC, s."id"`,
      { userId },
    );
    const items: MySessionRow[] = rows.map((r) => ({
      id: String(r.id),
      kind: r.kind as SessionKind,
      title: String(r.title),
      startsAt: toDate(r.startsAt) as Date,
      endsAt: toDate(r.endsAt) as Date,
      location: (r.location as string | null) ?? null,
      status: r.status as SessionStatus,
      state: r.state as EnrolmentState,
      attendance: (r.attendance as AttendanceStatus | null) ?? null,
      creditHours: toNumber(r.creditHours),
      earnedHours: toNumber(r.earnedHours),
      excuseState: (r.excuseState as ExcuseState | null) ?? null,
      venueName: (r.venueName as string | null) ?? null,
    }));
    const upcoming = items.filter((i) => i.status === 'scheduled').reverse();
    const history = items.filter((i) => i.status !== 'scheduled');
    return {
      upcoming,
      history,
      totalHours: Math.round(history.reduce((sum, i) => sum + i.earnedHours, 0) * 100) / 100,
    };
  }

  /** Lazy closing of the officer's sessions whose close time has passed (the delayed job may not have run yet). */
  private async closeDue(userId: string, now: Date): Promise<void> {
    const due = await rawRows<{ id: string }>(
      this.em,
      `SELECT s."id" FROM session_enrolments e JOIN training_sessions s ON s."id" = e."sessionId"
        WHERE e."userId" = :userId AND s."status" = 'scheduled' AND s."endsAt" <= :now AND s."checkInClosesAt" <= :now`,
      { userId, now },
    );
    for (const { id } of due) {
      const s = await this.em.findOneBy(TrainingSession, { id });
      if (s) await this.sessions.refresh(s, now);
    }
  }
}
