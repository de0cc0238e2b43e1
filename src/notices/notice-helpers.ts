import { toDate, toNumber } from '../database/sql/raw-sql';
import { Notice } from './entities/notice.entity';

/** Notification kinds, messages and row mappers of NoticesService: no database access here. */

export const NOTICE_KIND = 'notice';
export const NOTICE_REMINDER_KIND = 'notice.reminder';

export interface NoticeReceipts {
  recipients: number;
  read: number;
  units: Array<{ unitId: string; unitName: string; recipients: number; read: number }>;
  unread: Array<{ userId: string; name: string; username: string; unitName: string }>;
  /** Every recipient with their read time (null: 未读), in unit order. */
  people: Array<{ userId: string; name: string; username: string; unitName: string; readAt: Date | null }>;
}

/** The notification that delivers a notice; its sourceId is the notice id (the read receipt). */
export function noticeMessage(n: Notice) {
  const excerpt = n.body.length > 120 ? `${n.body.slice(0, 120)}…` : n.body;
  return {
    kind: NOTICE_KIND,
    sourceId: n.id,
    title: `${n.noticeNumber ? `【${n.noticeNumber}】` : ''}${n.title}`,
    body: excerpt,
    link: `/notices/${n.id}`,
  };
}

export function reminderMessage(notice: Notice) {
  return {
    kind: NOTICE_REMINDER_KIND,
    sourceId: notice.id,
    title: `请阅读通知：${notice.title}`,
    body: `${notice.noticeNumber ? `${notice.noticeNumber}，` : ''}该通知您尚未阅读，请及时查看。`,
    link: `/notices/${notice.id}`,
  };
}

/** One row of the notices list query. */
export function noticeListItem(r: Record<string, unknown>) {
  return {
    id: String(r.id),
    title: String(r.title),
    noticeNumber: (r.noticeNumber as string | null) ?? null,
    sessionId: (r.sessionId as string | null) ?? null,
    sentAt: toDate(r.sentAt) as Date,
    withdrawnAt: toDate(r.withdrawnAt),
    createdByName: String(r.createdByName),
    recipients: toNumber(r.recipients),
    read: toNumber(r.read),
  };
}

/** Totals per unit (rows arrive in unit order) and who has not read, from the recipients' rows. */
export function receiptsFrom(rows: Array<Record<string, unknown>>): NoticeReceipts {
  const units = new Map<string, { unitId: string; unitName: string; recipients: number; read: number }>();
  for (const r of rows) {
    const u = units.get(String(r.unitId)) ?? {
      unitId: String(r.unitId),
      unitName: String(r.unitName),
      recipients: 0,
      read: 0,
    };
    u.recipients++;
    if (r.readAt) u.read++;
    units.set(u.unitId, u);
  }
  return {
    recipients: rows.length,
    read: rows.filter((r) => r.readAt).length,
    units: [...units.values()],
    unread: rows
      .filter((r) => !r.readAt)
      .map((r) => ({
        userId: String(r.userId),
        name: String(r.name),
        username: String(r.username),
        unitName: String(r.unitName),
      })),
    people: rows.map((r) => ({
      userId: String(r.userId),
      name: String(r.name),
      username: String(r.username),
      unitName: String(r.unitName),
      readAt: toDate(r.readAt),
    })),
  };
}
