import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { startOfBureauDayOf } from '../common/time/bureau-time';
import { TransactionRunner } from '../database/transaction-runner';
import { AttendanceService } from '../sessions/attendance.service';
import { SessionEnrolment, type AttendanceStatus } from '../sessions/entities/session-parts.entity';
import { TrainingSession } from '../sessions/entities/training-session.entity';
import { SessionsService } from '../sessions/sessions.service';
import { User } from '../users/entities/user.entity';
import { asPrincipal } from './demo-activity.service';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** 9:00 Beijing time `days` from today (negative: in the past). */
const beijingNine = (days: number): Date =>
  new Date(startOfBureauDayOf(new Date(Date.now() + days * DAY)).getTime() + 9 * HOUR);

/**
 * Training sessions of the demo bureau, made through the real services: a 培训班 held three weeks
 * ago with its attendance taken and closed (学时, attendance events for scoring, the yearly report's
 * 培训班 N 期 / M 人次), a classroom session next week with a waiting list, and a video broadcast.
 */
@Injectable()
export class DemoSessionsService {
  private readonly logger = new Logger('DemoData');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: SessionsService,
    private readonly attendance: AttendanceService,
    private readonly tx: TransactionRunner,
  ) {}

  async seed(units: Map<string, string>): Promise<void> {
    const trainer = asPrincipal(await this.users.findOneByOrFail({ username: 'trainer' }));
    const bureau = units.get('bureau') as string;

    const held = await this.sessions.create(trainer, {
      title: '《信访工作条例》专题培训班（第一期）',
      kind: 'classroom',
      backfill: true, // held three weeks ago: recorded afterwards, attendance by hand
      description: '逐章学习条例，重点是受理、办理和督查追责的时限与程序。',
      startsAt: beijingNine(-21).toISOString(),
      endsAt: new Date(beijingNine(-21).getTime() + 3 * HOUR).toISOString(),
      location: '区信访局三楼会议室',
      noticeNumber: '天河信访〔2026〕8号',
      unitIds: [bureau],
      creditHours: 3,
    });
    await this.takeAttendance(trainer, held.id);

    await this.sessions.create(trainer, {
      title: '信访事项受理办理实务（街道专场）',
      kind: 'classroom',
      startsAt: beijingNine(7).toISOString(),
      endsAt: new Date(beijingNine(7).getTime() + 2.5 * HOUR).toISOString(),
      location: '石牌街道党群服务中心二楼',
      unitIds: [units.get('shipai') as string, units.get('wushan') as string],
      capacity: 6,
      creditHours: 2,
      courseId: 'regulation-ch3',
    });
    await this.sessions.create(trainer, {
      title: '“五个法治化”视频培训',
      kind: 'broadcast',
      startsAt: new Date(beijingNine(3).getTime() + 5 * HOUR).toISOString(),
      endsAt: new Date(beijingNine(3).getTime() + 7 * HOUR).toISOString(),
      location: '各单位视频会议室',
      unitIds: [bureau],
      creditHours: 2,
    });
    this.logger.log(
      'Demo sessions created: one held and closed with attendance, two upcoming (one with a waiting list)',
    );
  }

  /** Most present, some late, two absent and one excused; then the session is closed. */
  private async takeAttendance(trainer: Principal, sessionId: string): Promise<void> {
    const enrolled = await this.tx.run((em) =>
      em.find(SessionEnrolment, { where: { sessionId, state: 'enrolled' }, order: { userId: 'ASC' } }),
    );
    const people = await this.users.findBy({ id: In(enrolled.map((e) => e.userId)) });
    const byName = [...people].sort((a, b) => a.username.localeCompare(b.username));
    const statusOf = (i: number): AttendanceStatus =>
      i % 11 === 3 ? 'absent' : i % 7 === 5 ? 'late' : i === 8 ? 'excused' : 'present';
    const session = await this.tx.run((em) => em.findOneByOrFail(TrainingSession, { id: sessionId }));
    await this.attendance.mark(
      trainer,
      session,
      byName.map((u, i) => ({
        userId: u.id,
        status: statusOf(i),
        ...(statusOf(i) === 'excused' ? { remark: '外出接访，已请假' } : {}),
      })),
      '培训结束后统一考勤',
      null,
    );
    await this.attendance.close(sessionId);
  }
}
