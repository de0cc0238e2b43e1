import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { bureauYear, bureauYearRange } from '../common/time/bureau-time';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { Unit } from '../units/entities/unit.entity';
import { ScopeService } from '../units/scope.service';
import { inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';

export interface OfficerAttendance {
  userId: string;
  name: string;
  username: string;
  unitName: string;
  sessions: number;
  present: number;
  late: number;
  left_early: number;
  absent: number;
  excused: number;
  hours: number;
}

export interface UnitAttendanceReport {
  unit: { id: string; name: string } | null;
  from: Date;
  to: Date;
  officers: OfficerAttendance[];
  totals: Omit<OfficerAttendance, 'userId' | 'name' | 'username' | 'unitName'> & {
    officers: number;
    rate: number;
  };
}

/**
 * Attendance of a unit subtree over closed sessions in a period: one row per officer (their final
 * records and the 学时 they earned). Managers are held to their own subtree (out of scope = 404).
 */
@Injectable()
export class UnitAttendanceService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly scope: ScopeService,
  ) {}

  async report(
    me: Principal,
    unitId: string | undefined,
    from: Date | null,
    to: Date | null,
  ): Promise<UnitAttendanceReport> {
    const year = bureauYearRange(bureauYear(new Date()));
    const range = { from: from ?? year.from, to: to ?? year.to };
    let unit: Unit | null = null;
    if (unitId) {
      await this.scope.assertCanSeeUnit(me, unitId);
      unit = await this.em.findOneBy(Unit, { id: unitId });
    } else if (me.role !== 'trainer' && me.role !== 'admin') {
      unit = await this.em.findOneBy(Unit, { id: me.unitId });
    }
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT u."id" AS "userId", u."name", u."username", un."name" AS "unitName", COUNT(e."id") AS "sessions",
              SUM(CASE WHEN e."attendance" = 'present' THEN 1 ELSE 0 END) AS "present",
              SUM(CASE WHEN e."attendance" = 'late' THEN 1 ELSE 0 END) AS "late",
              SUM(CASE WHEN e."attendance" = 'left_early' THEN 1 ELSE 0 END) AS "left_early",
              SUM(CASE WHEN e."attendance" = 'absent' THEN 1 ELSE 0 END) AS "absent",
              SUM(CASE WHEN e."attendance" = 'excused' THEN 1 ELSE 0 END) AS "excused",
              COALESCE(SUM(ce."hours"), 0) AS "hours"
         FROM session_enrolments e
         JOIN training_sessions s ON s."id" = e."sessionId" AND s."status" = 'closed' AND s."startsAt" >= :from AND s."startsAt" < :to
         JOIN users u ON u."id" = e."userId"
         JOIN units un ON un."id" = u."unitId"
         LEFT JOIN credit_entries ce ON ce."userId" = e."userId" AND ce."sourceType" = 'session' AND ce."sourceId" = s."id"
        WHERE e."state" = 'enrolled' AND ${inUnitSubtreeOf('un."path"', 'prefix')}
        GROUP BY u."id", u."name", u."username", un."name", un."path"
        ORDER BY un."path", u."username"`,
      { from: range.from, to: range.to, prefix: subtreePrefix(unit?.path ?? '/') },
    );
    const officers = rows.map((r) => ({
      userId: String(r.userId),
      name: String(r.name),
      username: String(r.username),
      unitName: String(r.unitName),
      sessions: toNumber(r.sessions),
      present: toNumber(r.present),
      late: toNumber(r.late),
      left_early: toNumber(r.left_early),
      absent: toNumber(r.absent),
      excused: toNumber(r.excused),
      hours: Math.round(toNumber(r.hours) * 100) / 100,
    }));
    const sum = (k: keyof OfficerAttendance) => officers.reduce((n, o) => n + Number(o[k]), 0);
    const sessions = sum('sessions');
    return {
      unit: unit ? { id: unit.id, name: unit.name } : null,
      from: range.from,
      to: range.to,
      officers,
      totals: {
        officers: officers.length,
        sessions,
        present: sum('present'),
        late: sum('late'),
        left_early: sum('left_early'),
        absent: sum('absent'),
        excused: sum('excused'),
        hours: Math.round(sum('hours') * 100) / 100,
        rate: sessions ? Math.round(((sum('present') + sum('late')) / sessions) * 1000) / 1000 : 0,
      },
    };
  }
}
