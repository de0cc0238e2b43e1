import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { rawRows } from '../database/sql/raw-sql';
import { targetRowsFor } from '../database/sql/target-rows';
import { TransactionRunner } from '../database/transaction-runner';
import { Notification } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { TrainingSession } from '../sessions/entities/training-session.entity';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { CreateNoticeDto } from './dto/notice.dto';
import { Notice, NoticeTarget } from './entities/notice.entity';
import { audienceOf, audienceSize, NoticeAudience } from './notice-audience';
import { noticeMembersSql } from './notice-members.sql';
import { NoticeErrors } from './notices.errors';
import {
  NOTICE_KIND,
  NOTICE_REMINDER_KIND,
  NoticeReceipts,
  noticeListItem,
  noticeMessage,
  receiptsFrom,
} from './notice-helpers';

export const NOTICES_QUEUE = 'notices';
/** Officers who join a target after sending still get the notice for this long (or until its session ends). */
export const LATE_DELIVERY_DAYS = 30;

/**
 * Notices (通知): sent as in-app notifications of kind `notice` (sourceId = notice id); reading the
 * notification is the read receipt. Late joiners are delivered to by `deliverPending`, which the
 * notifications inbox runs before it lists or counts a user's messages.
 */
@Injectable()
export class NoticesService implements OnModuleInit {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.notifications.registerInboxSync((userId) => this.deliverPending(userId));
  }

  /** How many the notice would reach now (the confirmation step), its scope checked like send(). */
  async preview(dto: CreateNoticeDto): Promise<{ recipients: number; units: number }> {
    const audience = audienceOf(dto);
    await this.checkTargetsExist(audience);
    return audienceSize(this.em, audience);
  }

  private async checkTargetsExist({ unitIds, userIds }: NoticeAudience): Promise<void> {
    if (unitIds.length && (await this.em.countBy(Unit, { id: In(unitIds) })) !== unitIds.length) {
      throw NoticeErrors.unknownUnit();
    }
    if (userIds.length && (await this.em.countBy(User, { id: In(userIds) })) !== userIds.length) {
      throw NoticeErrors.unknownUser();
    }
  }

  async send(
    me: Principal,
    dto: CreateNoticeDto,
    now = new Date(),
  ): Promise<{ id: string; recipients: number; units: number }> {
    const audience = audienceOf(dto);
    const { unitIds, roles, userIds } = audience;
    await this.checkTargetsExist(audience);
    let lateUntil = new Date(now.getTime() + LATE_DELIVERY_DAYS * 86_400_000);
    if (dto.sessionId) {
      const session = await this.em.findOneBy(TrainingSession, { id: dto.sessionId });
      if (!session) throw NoticeErrors.unknownSession();
      lateUntil = session.endsAt;
    }
    const id = randomUUID();
    const targets: NoticeTarget[] = targetRowsFor(
      { noticeId: id },
      {
        unitIds,
        includeSubtree: audience.includeSubtree,
        unitRoles: roles.length > 0 ? roles : [null],
        roles,
        userIds,
      },
    );
    const notice: Notice = {
      id,
      title: dto.title.trim(),
      body: dto.body.trim(),
      noticeNumber: dto.noticeNumber?.trim() || null,
      sessionId: dto.sessionId ?? null,
      createdById: me.id,
      sentAt: now,
      lateDeliveryUntil: lateUntil,
      withdrawnAt: null,
      withdrawnById: null,
      lastRemindedAt: null,
    };
    return this.tx.run(async (em) => {
      await em.insert(Notice, notice);
      await em.insert(NoticeTarget, targets);
      const members = await rawRows<{ userId: string }>(em, noticeMembersSql({ noticeIds: true }), {
        nYes: true,
        nNo: false,
        nNoticeIds: [id],
      });
      const { units } = await audienceSize(em, audience);
      const recipients = await this.notifications.notify(
        em,
        members.map((m) => m.userId),
        noticeMessage(notice),
        now,
      );
      await this.audit.recordIn(em, me, {
        action: 'notice.send',
        entityType: 'notice',
        entityId: id,
        after: {
          title: notice.title,
          noticeNumber: notice.noticeNumber,
          unitIds,
          roles,
          userIds,
          wholeBureau: audience.wholeBureau,
          recipients,
          units,
        },
      });
      return { id, recipients, units };
    });
  }

  /** Late joiners: notices still deliverable that now reach the user and that they never received. */
  async deliverPending(userId: string, now = new Date()): Promise<number> {
    const pending = await rawRows<{ noticeId: string }>(
      this.em,
      `SELECT m."noticeId" FROM (${noticeMembersSql({ userId: true })}) m JOIN notices n ON n."id" = m."noticeId"
        WHERE n."lateDeliveryUntil" > :now AND n."withdrawnAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x."userId" = :nUserId AND x."kind" = :kind AND x."sourceId" = m."noticeId")`,
      { nYes: true, nNo: false, nUserId: userId, now, kind: NOTICE_KIND },
    );
    if (pending.length === 0) return 0;
    const notices = await this.em.findBy(Notice, { id: In(pending.map((p) => p.noticeId)) });
    await this.tx.run(async (em) => {
      for (const n of notices) {
        const again = await em.countBy(Notification, { userId, kind: NOTICE_KIND, sourceId: n.id });
        if (again === 0) await this.notifications.notify(em, [userId], noticeMessage(n), now);
      }
    });
    return notices.length;
  }

  async list(limit: number, offset: number) {
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT n."id", n."title", n."noticeNumber", n."sessionId", n."sentAt", n."withdrawnAt", u."name" AS "createdByName",
              (SELECT COUNT(*) FROM notifications x WHERE x."kind" = :kind AND x."sourceId" = n."id") AS "recipients",
              (SELECT COUNT(*) FROM notifications x WHERE x."kind" = :kind AND x."sourceId" = n."id" AND x."readAt" IS NOT NULL
                 AND (n."withdrawnAt" IS NULL OR x."readAt" < n."withdrawnAt")) AS "read"
         FROM notices n JOIN users u ON u."id" = n."createdById" ORDER BY n."sentAt" DESC, n."id" LIMIT :limit OFFSET :offset`,
      { kind: NOTICE_KIND, limit, offset },
    );
    const total = await this.em.count(Notice);
    return {
      items: rows.map(noticeListItem),
      total,
    };
  }

  /** A recipient reads the notice (opening it is the read receipt); trainers and admins just look. */
  open(me: Principal, id: string): Promise<Notice> {
    return me.role === 'trainer' || me.role === 'admin' ? this.get(id) : this.readAsRecipient(me, id);
  }

  async get(id: string): Promise<Notice> {
    const notice = await this.em.findOneBy(Notice, { id });
    if (!notice) throw NoticeErrors.notFound();
    return notice;
  }

  /** A recipient reads the notice: its notification (and any reminder of it) count as read. */
  async readAsRecipient(me: Principal, id: string, now = new Date()): Promise<Notice> {
    await this.deliverPending(me.id, now);
    const received = await this.em.countBy(Notification, { userId: me.id, kind: NOTICE_KIND, sourceId: id });
    if (received === 0) throw NoticeErrors.notReceived();
    const notice = await this.get(id);
    if (notice.withdrawnAt) return { ...notice, body: '' }; // 已撤回: the text is no longer shown
    await this.tx.run((em) =>
      rawRows(
        em,
        `UPDATE notifications SET "readAt" = :now WHERE "userId" = :userId AND "sourceId" = :id AND "kind" IN (:...kinds) AND "readAt" IS NULL`,
        { now, userId: me.id, id, kinds: [NOTICE_KIND, NOTICE_REMINDER_KIND] },
      ),
    );
    return this.get(id);
  }

  /**
   * Recipients and readers, per unit (the recipient's current unit), each with their read time, and who
   * has not read it. Copies marked read by the withdrawal (readAt = withdrawnAt) count as unread.
   */
  async receipts(id: string): Promise<NoticeReceipts> {
    await this.get(id);
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT u."id" AS "userId", u."name", u."username", un."id" AS "unitId", un."name" AS "unitName",
              CASE WHEN n."withdrawnAt" IS NOT NULL AND x."readAt" >= n."withdrawnAt" THEN NULL ELSE x."readAt" END AS "readAt"
         FROM notifications x JOIN notices n ON n."id" = x."sourceId"
         JOIN users u ON u."id" = x."userId" JOIN units un ON un."id" = u."unitId"
        WHERE x."kind" = :kind AND x."sourceId" = :id ORDER BY un."path", u."username"`,
      { kind: NOTICE_KIND, id },
    );
    return receiptsFrom(rows);
  }
}
