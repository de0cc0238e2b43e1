import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { formatBureauDateTime } from '../common/time/bureau-time';
import { AppConfig } from '../config/app-config';
import { rawRows } from '../database/sql/raw-sql';
import { TransactionRunner } from '../database/transaction-runner';
import { Notification } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { logQueueErrors, withTimeout } from '../queue/enqueue';
import { Notice } from './entities/notice.entity';
import { NOTICE_KIND, NOTICE_REMINDER_KIND, reminderMessage } from './notice-helpers';
import { NoticeErrors } from './notices.errors';
import { NOTICES_QUEUE, NoticesService } from './notices.service';

/** What happens to a sent notice: 提醒未读人员 (queued, with a cooldown) and 撤回. */
@Injectable()
export class NoticeFollowUpService {
  private readonly logger = new Logger(NoticeFollowUpService.name);

  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly notices: NoticesService,
    private readonly config: AppConfig,
    @InjectQueue(NOTICES_QUEUE) private readonly queue: Queue,
  ) {
    logQueueErrors(queue, this.logger); // before the processor starts the queue's connections
  }

  /**
   * Queues the reminder (the job sends it), so the request returns at once however many are unread.
   * One per cooldown: the claim is a conditional UPDATE, so two clicks at once still send one.
   */
  async remindUnread(
    me: Principal,
    id: string,
    now = new Date(),
  ): Promise<{ jobId: string; unread: number }> {
    const notice = await this.notices.get(id);
    if (notice.withdrawnAt) throw NoticeErrors.withdrawn();
    const cooldownMs = this.config.get('NOTICE_REMIND_COOLDOWN_MINUTES') * 60_000;
    const claimed = await this.tx.run(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(Notice)
        .set({ lastRemindedAt: now })
        .where('id = :id AND ("lastRemindedAt" IS NULL OR "lastRemindedAt" <= :cutoff)', {
          id,
          cutoff: new Date(now.getTime() - cooldownMs),
        })
        .execute();
      return (res.affected ?? 0) > 0;
    });
    if (!claimed) {
      const last = (await this.notices.get(id)).lastRemindedAt as Date;
      throw NoticeErrors.remindCooldown(
        formatBureauDateTime(last),
        formatBureauDateTime(new Date(last.getTime() + cooldownMs)),
      );
    }
    const receipts = await this.notices.receipts(id);
    let job: { id: string | number };
    try {
      job = await withTimeout(
        this.queue.add(
          'remind-unread',
          { noticeId: id, requestedBy: me.id },
          { jobId: `notice:${id}:remind:${now.getTime()}` },
        ),
      );
    } catch {
      // nothing was sent: give the claim back so the trainer can retry at once
      await this.tx.run((em) => em.update(Notice, { id }, { lastRemindedAt: notice.lastRemindedAt ?? null }));
      throw NoticeErrors.queueUnavailable();
    }
    await this.audit.record(me, {
      action: 'notice.remind',
      entityType: 'notice',
      entityId: id,
      after: { unread: receipts.unread.length },
    });
    return { jobId: String(job.id), unread: receipts.unread.length };
  }

  /** The job's work: one reminder to each recipient who has not read the notice (none once withdrawn). */
  async sendReminders(noticeId: string, now = new Date()): Promise<number> {
    const notice = await this.notices.get(noticeId);
    if (notice.withdrawnAt) return 0;
    const unread = await rawRows<{ userId: string }>(
      this.em,
      `SELECT x."userId" FROM notifications x WHERE x."kind" = :kind AND x."sourceId" = :id AND x."readAt" IS NULL`,
      { kind: NOTICE_KIND, id: noticeId },
    );
    if (unread.length === 0) return 0;
    return this.tx.run((em) =>
      this.notifications.notify(
        em,
        unread.map((u) => u.userId),
        reminderMessage(notice),
        now,
      ),
    );
  }

  /**
   * 撤回: recipients' copies say 已撤回 with no body and leave their unread counts (an unread copy is
   * marked read at the withdrawal time, which the receipts page does not count as read); unread
   * reminders go; late joiners no longer receive it.
   */
  async withdraw(me: Principal, id: string, now = new Date()): Promise<{ id: string; withdrawnAt: Date }> {
    const notice = await this.notices.get(id);
    if (notice.withdrawnAt) throw NoticeErrors.withdrawn();
    await this.tx.run(async (em) => {
      const res = await em.update(
        Notice,
        { id, withdrawnAt: IsNull() },
        { withdrawnAt: now, withdrawnById: me.id },
      );
      if (!res.affected) throw NoticeErrors.withdrawn();
      await this.notifications.withdrawUnread(em, NOTICE_REMINDER_KIND, [id]);
      await em.update(
        Notification,
        { kind: In([NOTICE_KIND, NOTICE_REMINDER_KIND]), sourceId: id },
        { title: `已撤回：${notice.title}`.slice(0, 200), body: '该通知已撤回。' },
      );
      await em.update(
        Notification,
        { kind: In([NOTICE_KIND, NOTICE_REMINDER_KIND]), sourceId: id, readAt: IsNull() },
        { readAt: now },
      );
      await this.audit.recordIn(em, me, {
        action: 'notice.withdraw',
        entityType: 'notice',
        entityId: id,
        before: { title: notice.title, noticeNumber: notice.noticeNumber },
      });
    });
    return { id, withdrawnAt: now };
  }
}
