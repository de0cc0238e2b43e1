import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { closeTimeOf, TrainingSession } from './entities/training-session.entity';
import { logQueueErrors, withTimeout } from '../queue/enqueue';

export const SESSIONS_QUEUE = 'sessions';
export const REMINDER_KINDS = ['24h', '1h'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const REMINDER_LEAD_MS: Record<ReminderKind, number> = { '24h': 24 * 3600_000, '1h': 3600_000 };

export interface ReminderJob {
  sessionId: string;
  kind: ReminderKind;
}
export interface CloseJob {
  sessionId: string;
}

/** Job ids derived from the session, so rescheduling replaces the job instead of adding another. */
export const reminderJobId = (sessionId: string, kind: ReminderKind) =>
  `session:${sessionId}:reminder:${kind}`;
export const closeJobId = (sessionId: string) => `session:${sessionId}:close`;

/**
 * Delayed jobs of a session: the two reminders and the closing. Bull ignores `add` with an existing
 * job id, so every (re)schedule removes the old job first. A failure to reach Redis is logged and
 * does not fail the trainer's request: closing also happens lazily on read.
 */
@Injectable()
export class SessionJobsService {
  private readonly logger = new Logger(SessionJobsService.name);

  constructor(@InjectQueue(SESSIONS_QUEUE) private readonly queue: Queue) {
    logQueueErrors(queue, this.logger);
  }

  async schedule(session: TrainingSession, now = new Date()): Promise<void> {
    try {
      await withTimeout(this.reschedule(session, now));
    } catch (error) {
      this.logger.warn({ err: error, sessionId: session.id }, 'could not schedule session jobs');
    }
  }

  private async reschedule(session: TrainingSession, now: Date): Promise<void> {
    await this.unscheduleReminders(session.id);
    await this.removeJob(closeJobId(session.id));
    if (session.status !== 'scheduled') return;
    for (const kind of REMINDER_KINDS) {
      const at = session.startsAt.getTime() - REMINDER_LEAD_MS[kind];
      if (at <= now.getTime()) continue;
      await this.queue.add('reminder', { sessionId: session.id, kind } satisfies ReminderJob, {
        jobId: reminderJobId(session.id, kind),
        delay: at - now.getTime(),
      });
    }
    const closeDelay = Math.max(0, closeTimeOf(session).getTime() - now.getTime());
    await this.queue.add('close', { sessionId: session.id } satisfies CloseJob, {
      jobId: closeJobId(session.id),
      delay: closeDelay,
    });
  }

  async unscheduleAll(sessionId: string): Promise<void> {
    try {
      await withTimeout(
        this.unscheduleReminders(sessionId).then(() => this.removeJob(closeJobId(sessionId))),
      );
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, 'could not remove session jobs');
    }
  }

  private async unscheduleReminders(sessionId: string): Promise<void> {
    for (const kind of REMINDER_KINDS) await this.removeJob(reminderJobId(sessionId, kind));
  }

  private async removeJob(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (job) await job.remove();
  }
}
