import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Paged } from '../common/dto/page-query.dto';
import { TransactionRunner } from '../database/transaction-runner';
import { Notification } from './entities/notification.entity';
import { NotificationErrors } from './notifications.errors';

export interface NotificationMessage {
  kind: string;
  sourceId?: string | null;
  title: string;
  body: string;
  link?: string | null;
}

export interface NotificationView {
  id: string;
  kind: string;
  sourceId: string | null;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

/** SQLite allows 999 bound parameters per statement; 9 columns × 100 rows stays well under. */
const INSERT_BATCH = 100;

/** Delivers a user's pending messages (e.g. notices to a late joiner) before the inbox is read. */
export type InboxSync = (userId: string) => Promise<unknown>;

@Injectable()
export class NotificationsService {
  private readonly inboxSyncs: InboxSync[] = [];

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly tx: TransactionRunner,
  ) {}

  /** Sends one message to each user, inside the caller's transaction, in batched inserts. */
  async notify(
    em: EntityManager,
    userIds: string[],
    message: NotificationMessage,
    at = new Date(),
  ): Promise<number> {
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += INSERT_BATCH) {
      const rows = unique.slice(i, i + INSERT_BATCH).map((userId) => ({
        id: randomUUID(),
        userId,
        kind: message.kind,
        sourceId: message.sourceId ?? null,
        title: message.title,
        body: message.body,
        link: message.link ?? null,
        createdAt: at,
        readAt: null,
      }));
      await em.insert(Notification, rows);
    }
    return unique.length;
  }

  /** Features that deliver lazily (notices for late joiners) register here; run before listing or counting. */
  registerInboxSync(sync: InboxSync): void {
    this.inboxSyncs.push(sync);
  }

  async syncInbox(userId: string): Promise<void> {
    for (const sync of this.inboxSyncs) await sync(userId);
  }

  async listForUser(
    userId: string,
    limit: number,
    offset: number,
  ): Promise<Paged<NotificationView> & { unread: number }> {
    await this.syncInbox(userId);
    const [rows, total] = await this.notifications.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map(toView), total, unread: await this.unreadCount(userId) };
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.count({ where: { userId, readAt: IsNull() } });
  }

  /** Idempotent: reading twice keeps the first time. Someone else's notification is 404. */
  async markRead(userId: string, id: string, at = new Date()): Promise<void> {
    await this.tx.run(async (em) => {
      const row = await em.findOne(Notification, { where: { id, userId } });
      if (!row) throw NotificationErrors.notFound();
      if (!row.readAt) await em.update(Notification, { id }, { readAt: at });
    });
  }

  async markAllRead(userId: string, at = new Date()): Promise<void> {
    await this.tx.run((em) => em.update(Notification, { userId, readAt: IsNull() }, { readAt: at }));
  }

  /** Withdraws a feature's unread messages (e.g. reminders of a cancelled session). */
  async withdrawUnread(em: EntityManager, kind: string, sourceIds: string[]): Promise<void> {
    if (sourceIds.length === 0) return;
    await em.delete(Notification, { kind, sourceId: In(sourceIds), readAt: IsNull() });
  }
}

const toView = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  sourceId: n.sourceId,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  read: n.readAt !== null,
});
