import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import { AuditLog } from '../audit/entities/audit-log.entity';
import { addDays, endOfBureauDayOf, parseBureauInstant } from '../common/time/bureau-time';
import { rawRows } from '../database/sql/raw-sql';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { logQueueErrors, withTimeout } from '../queue/enqueue';
import { memberRowsSql, membershipParams } from './assignment-members.sql';
import { queueMemberRescore } from './assignment-rescore';
import { Assignment } from './entities/assignment.entity';
import { AssignmentErrors } from './assignments.errors';

export const ASSIGNMENTS_QUEUE = 'assignments';
/** A second reminder within this time is refused (a double click must not notify everyone twice). */
export const REMIND_INTERVAL_MINUTES = 10;
export const REMIND_JOB = 'remind';
export interface RemindJob {
  assignmentId: string;
  /** The audit row that records this reminder (absent in jobs queued before it was added). */
  claimId?: string;
}

/**
 * What a trainer does with an assignment after creating it: extend the due date, cancel it (kept for
 * history, due for no one) and remind the learners who have not completed it. Reminders fan out in
 * a Bull job ('assignments' queue): one set-based query finds the learners, NotificationsService
 * writes their notifications in batched inserts inside one transaction.
 */
@Injectable()
export class AssignmentManagementService {
  private readonly logger = new Logger('AssignmentReminders');

  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    @InjectQueue(ASSIGNMENTS_QUEUE) private readonly queue: Queue<RemindJob>,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {
    logQueueErrors(queue, this.logger); // Redis down: logged, the app keeps serving
  }

  /** A later due date for everyone in the assignment. */
  async extendDue(actor: AuditActor, id: string, dueAtText: string): Promise<{ id: string; dueAt: Date }> {
    const sentDue = parseBureauInstant(dueAtText);
    if (!sentDue) throw AssignmentErrors.newDueAtFormat();
    const dueAt = endOfBureauDayOf(sentDue); // the one due-date rule (docs/learning.md): end of that day, Beijing time
    return this.tx.run(async (em) => {
      const assignment = await this.open(em, id);
      if (dueAt.getTime() <= Date.now()) throw AssignmentErrors.newDueInPast();
      if (dueAt.getTime() <= assignment.dueAt.getTime()) {
        throw AssignmentErrors.dueNotLater();
      }
      await em.update(Assignment, { id }, { dueAt });
      await queueMemberRescore(em, this.outbox, id, 'extended');
      await this.audit.recordIn(em, actor, {
        action: 'assignment.due.extend',
        entityType: 'assignment',
        entityId: id,
        before: { dueAt: assignment.dueAt.toISOString() },
        after: { dueAt: dueAt.toISOString() },
      });
      return { id, dueAt };
    });
  }

  /** Soft: the row and its targets stay; unread reminders of it are withdrawn. */
  async cancel(actor: AuditActor & { id: string }, id: string): Promise<{ id: string; cancelledAt: Date }> {
    return this.tx.run(async (em) => {
      await this.open(em, id);
      const cancelledAt = new Date();
      await em.update(Assignment, { id }, { cancelledAt, cancelledById: actor.id });
      await this.notifications.withdrawUnread(em, 'assignment.reminder', [id]);
      await queueMemberRescore(em, this.outbox, id, 'cancelled');
      await this.audit.recordIn(em, actor, {
        action: 'assignment.cancel',
        entityType: 'assignment',
        entityId: id,
        after: { cancelledAt: cancelledAt.toISOString() },
      });
      return { id, cancelledAt };
    });
  }

  /**
   * Queues the reminder; answers how many learners it will reach now. The `assignment.remind` audit
   * row the 10-minute limit reads is written with the check in one transaction (a double click
   * queues once) and deleted again when Redis does not take the job in QUEUE_TIMEOUT_MS: a reminder
   * nobody got must not make the trainer's retry wait 10 minutes.
   */
  async remind(actor: AuditActor, id: string): Promise<{ id: string; recipients: number; queued: boolean }> {
    const { recipients, claimId } = await this.tx.run(async (em) => {
      await this.open(em, id);
      await this.assertNotRemindedRecently(em, id);
      const count = (await this.pendingLearners(em, id)).length;
      if (count === 0) return { recipients: 0, claimId: null };
      return {
        recipients: count,
        claimId: await this.audit.recordIn(em, actor, {
          action: 'assignment.remind',
          entityType: 'assignment',
          entityId: id,
          after: { recipients: count },
        }),
      };
    });
    if (!claimId) return { id, recipients, queued: false };
    try {
      await withTimeout(
        this.queue.add(REMIND_JOB, { assignmentId: id, claimId }, { jobId: `remind:${id}:${claimId}` }),
      );
    } catch (error) {
      this.logger.error({ err: error, assignmentId: id }, 'could not queue the reminder');
      await this.tx
        .run((em) => em.delete(AuditLog, { id: claimId }))
        .catch((err: unknown) =>
          this.logger.error({ err, claimId }, 'could not withdraw the reminder claim'),
        );
      throw AssignmentErrors.reminderUnavailable();
    }
    return { id, recipients, queued: true };
  }

  /** The job: learners still pending or overdue when it runs, one notification each, one transaction. */
  async sendReminders(assignmentId: string, claimId?: string): Promise<number> {
    return this.tx.run(async (em) => {
      const assignment = await em.findOneBy(Assignment, { id: assignmentId });
      if (!assignment || assignment.cancelledAt) return 0;
      // Claim withdrawn: the enqueue timed out (the trainer got 503) but reached Redis later; the retry sends.
      if (claimId && !(await em.existsBy(AuditLog, { id: claimId }))) return 0;
      const [course] = await rawRows<{ title: string }>(em, `SELECT "title" FROM courses WHERE "id" = :id`, {
        id: assignment.courseId,
      });
      const userIds = await this.pendingLearners(em, assignmentId);
      return this.notifications.notify(em, userIds, {
        kind: 'assignment.reminder',
        sourceId: assignmentId,
        title: `学习提醒：${course?.title ?? '课程'}`,
        body: `请在截止日期前完成课程《${course?.title ?? ''}》的学习。可在“我的学习”中查看截止日期和进度。`,
        link: '/learning',
      });
    });
  }

  private async pendingLearners(em: EntityManager, assignmentId: string): Promise<string[]> {
    const options = { assignmentIds: [assignmentId] };
    const now = new Date();
    const rows = await rawRows<{ userId: string }>(
      em,
      `SELECT s."userId" FROM (${memberRowsSql(options)}) s WHERE s."status" <> 'completed'`,
      { ...membershipParams(options), now, graceCutoff: addDays(now, -this.config.get('RECERT_GRACE_DAYS')) },
    );
    return rows.map((r) => r.userId);
  }

  private async assertNotRemindedRecently(em: EntityManager, id: string): Promise<void> {
    const since = new Date(Date.now() - REMIND_INTERVAL_MINUTES * 60_000);
    const [recent] = await rawRows<{ id: string }>(
      em,
      `SELECT "id" FROM audit_logs WHERE "entityType" = 'assignment' AND "entityId" = :id AND "action" = 'assignment.remind' AND "createdAt" > :since LIMIT 1`,
      { id, since },
    );
    if (recent) throw AssignmentErrors.remindedRecently(REMIND_INTERVAL_MINUTES);
  }

  /** An assignment that can still be changed: 404 when missing, 409 once cancelled. */
  private async open(em: EntityManager, id: string): Promise<Assignment> {
    const assignment = await em.findOneBy(Assignment, { id });
    if (!assignment) throw AssignmentErrors.notFound();
    if (assignment.cancelledAt) throw AssignmentErrors.cancelled();
    return assignment;
  }
}
