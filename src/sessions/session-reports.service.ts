import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { rawRows, toDate } from '../database/sql/raw-sql';
import type { RosterRow } from './attendance.service';
import { ATTENDANCE_STATUSES, AttendanceStatus, ExcuseState } from './entities/session-parts.entity';

export interface UnitAttendance {
  unitId: string;
  unitName: string;
  enrolled: number;
  present: number;
  late: number;
  left_early: number;
  absent: number;
  excused: number;
  unmarked: number;
  /** (present + late) / enrolled, 0..1. */
  rate: number;
}

export interface ExcuseView {
  id: string;
  userId: string;
  name: string;
  unitName: string;
  reason: string;
  state: ExcuseState;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
}

/** Attendance counted per unit, and the excuse requests of a session. */
@Injectable()
export class SessionReportsService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  byUnit(roster: RosterRow[]): UnitAttendance[] {
    const units = new Map<string, UnitAttendance>();
    for (const r of roster.filter((x) => x.state === 'enrolled')) {
      const u = units.get(r.unitId) ?? {
        unitId: r.unitId,
        unitName: r.unitName,
        enrolled: 0,
        present: 0,
        late: 0,
        left_early: 0,
        absent: 0,
        excused: 0,
        unmarked: 0,
        rate: 0,
      };
      u.enrolled++;
      if (r.status && (ATTENDANCE_STATUSES as readonly string[]).includes(r.status)) {
        u[r.status as AttendanceStatus]++;
      } else u.unmarked++;
      units.set(r.unitId, u);
    }
    return [...units.values()].map((u) => ({
      ...u,
      rate: u.enrolled ? Math.round(((u.present + u.late) / u.enrolled) * 1000) / 1000 : 0,
    }));
  }

  async excuses(sessionId: string): Promise<ExcuseView[]> {
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT x."id", x."userId", u."name", un."name" AS "unitName", x."reason", x."state", x."requestedAt", x."decidedAt", x."decisionNote"
         FROM session_excuses x JOIN users u ON u."id" = x."userId" JOIN units un ON un."id" = u."unitId"
        WHERE x."sessionId" = :sessionId ORDER BY CASE WHEN x."state" = 'pending' THEN 0 ELSE 1 END, x."requestedAt"`,
      { sessionId },
    );
    return rows.map((r) => ({
      id: String(r.id),
      userId: String(r.userId),
      name: String(r.name),
      unitName: String(r.unitName),
      reason: String(r.reason),
      state: r.state as ExcuseState,
      requestedAt: toDate(r.requestedAt) as Date,
      decidedAt: toDate(r.decidedAt),
      decisionNote: (r.decisionNote as string | null) ?? null,
    }));
  }
}
