import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { In } from 'typeorm';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { AttendanceService } from './attendance.service';
import { EnrolmentService } from './enrolment.service';
import { SessionEnrolment } from './entities/session-parts.entity';
import { TrainingSession } from './entities/training-session.entity';
import { CloseJob, ReminderJob, SESSIONS_QUEUE } from './session-jobs.service';
import { SESSION_REMINDER_KIND } from './session-notifications';
import { formatBureauDateTime as formatBureauTime } from '../common/time/bureau-time';

/** Runs the delayed session jobs: reminders (in-app notifications) and closing. */
@Processor(SESSIONS_QUEUE)
export class SessionJobsProcessor {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly notifications: NotificationsService,
    private readonly enrolment: EnrolmentService,
    private readonly attendance: AttendanceService,
  ) {}

  @Process('reminder')
  async remind(job: Job<ReminderJob>): Promise<number> {
    return this.sendReminder(job.data);
  }

  @Process('close')
  async close(job: Job<CloseJob>): Promise<boolean> {
    return this.attendance.close(job.data.sessionId);
  }

  /** Enrolled officers who are not excused; a cancelled or finished session reminds nobody. */
  async sendReminder(data: ReminderJob, now = new Date()): Promise<number> {
    const session = await this.em.findOneBy(TrainingSession, { id: data.sessionId });
    if (!session || session.status !== 'scheduled' || session.startsAt.getTime() <= now.getTime()) return 0;
    await this.enrolment.syncSession(session, now);
    const rows = await this.em.find(SessionEnrolment, {
      where: { sessionId: session.id, state: In(['enrolled']) },
    });
    const userIds = rows.filter((r) => r.attendance !== 'excused').map((r) => r.userId);
    const when = data.kind === '24h' ? '明天' : '一小时后';
    const where = session.location ?? session.streamUrl ?? '';
    return this.tx.run((em) =>
      this.notifications.notify(
        em,
        userIds,
        {
          kind: SESSION_REMINDER_KIND,
          sourceId: session.id,
          title: `培训提醒：${session.title}`,
          body: `${when}（${formatBureauTime(session.startsAt)}）开始${where ? `，地点：${where}` : ''}。请按时参加并签到。`,
          link: `/my/sessions/${session.id}`,
        },
        now,
      ),
    );
  }
}
