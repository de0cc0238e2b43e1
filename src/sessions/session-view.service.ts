import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { SessionMaterial, TrainingSession } from './entities/training-session.entity';

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
  /** 补录: recorded after it was held; no notices, attendance entered by hand. */
  backfilled: boolean;
  cancelReason: string | null;
  sequence: number;
  units: Array<{ id: string; name: string; includeSubtree: boolean }>;
  venues: Array<{
    id: string;
    name: string;
    location: string | null;
    unitId: string | null;
    coordinatorId: string;
    coordinatorName: string;
  }>;
  counts: { enrolled: number; waitlisted: number };
}

const MINUTE = 60_000;

/** A session as the API and the pages show it: its times, target units, venues and head counts. */
@Injectable()
export class SessionViewService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

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
      backfilled: s.backfilled === true || (s.backfilled as unknown) === 1,
      cancelReason: s.cancelReason ?? null,
      sequence: s.sequence,
      units: units.map((u) => ({
        id: u.id,
        name: u.name,
        includeSubtree: u.includeSubtree === true || u.includeSubtree === 1,
      })),
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
}
