import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import ical, { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { rawRows } from '../database/sql/raw-sql';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { CalendarToken } from './entities/session-parts.entity';
import { SESSION_KIND_LABELS, TrainingSession } from './entities/training-session.entity';
import { publicUrl } from '../common/http/public-url';
import { BUREAU_OFFSET_MS, BUREAU_TZ } from '../common/time/bureau-time';
import { SessionErrors } from './sessions.errors';

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so one STANDARD block describes it. */
const SHANGHAI_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'X-LIC-LOCATION:Asia/Shanghai',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * ical-generator formats a Date with a TZID through the server's local clock (getHours …). So we
 * hand it the Date whose local clock reads the Shanghai wall-clock time, whatever the server's TZ.
 */
export function shanghaiDate(d: Date): Date {
  const guess = new Date(d.getTime() + BUREAU_OFFSET_MS);
  return new Date(guess.getTime() + guess.getTimezoneOffset() * 60_000);
}

/** Stable across changes and exports: calendars update the event instead of adding another. */
export const sessionUid = (sessionId: string) => `session-${sessionId}@petition-training`;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** iCalendar (RFC 5545) for one session and for an officer's subscription feed. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  sessionIcs(session: TrainingSession): string {
    const cal = this.calendar(session.title);
    this.addEvent(cal, session);
    return cal.toString();
  }

  /** The officer's sessions (enrolled or waitlisted; cancelled sessions stay as STATUS:CANCELLED). */
  async feed(token: string): Promise<string> {
    const row = await this.em.findOneBy(CalendarToken, { tokenHash: hashToken(token) });
    if (!row) throw SessionErrors.tokenNotFound();
    const ids = await rawRows<{ id: string }>(
      this.em,
      `SELECT e."sessionId" AS "id" FROM session_enrolments e WHERE e."userId" = :userId AND e."state" <> 'cancelled'`,
      { userId: row.userId },
    );
    const cal = this.calendar('我的培训');
    for (const { id } of ids) {
      const session = await this.em.findOneBy(TrainingSession, { id });
      if (session) this.addEvent(cal, session);
    }
    return cal.toString();
  }

  /** A new secret for the feed; the old address stops working at once. Shown once (only its hash is kept). */
  async rotateToken(userId: string): Promise<{ token: string; url: string }> {
    const token = randomBytes(24).toString('base64url');
    await this.tx.run(async (em) => {
      await em.delete(CalendarToken, { userId });
      await em.insert(CalendarToken, { userId, tokenHash: hashToken(token), createdAt: new Date() });
    });
    return { token, url: this.feedUrl(token) };
  }

  async revokeToken(userId: string): Promise<void> {
    await this.tx.run((em) => em.delete(CalendarToken, { userId }));
  }

  async hasToken(userId: string): Promise<boolean> {
    return (await this.em.countBy(CalendarToken, { userId })) > 0;
  }

  feedUrl(token: string): string {
    return publicUrl(this.config, `/api/me/calendar.ics?token=${encodeURIComponent(token)}`);
  }

  private calendar(name: string): ICalCalendar {
    return ical({
      name,
      prodId: { company: 'petition-training', product: 'sessions', language: 'ZH' },
      timezone: { name: BUREAU_TZ, generator: () => SHANGHAI_VTIMEZONE },
    });
  }

  private addEvent(cal: ICalCalendar, s: TrainingSession): void {
    const where = [s.location, s.streamUrl].filter(Boolean).join(' ');
    cal.createEvent({
      id: sessionUid(s.id),
      sequence: s.sequence,
      start: shanghaiDate(s.startsAt),
      end: shanghaiDate(s.endsAt),
      timezone: BUREAU_TZ,
      stamp: s.updatedAt,
      lastModified: s.updatedAt,
      created: s.createdAt,
      summary: `${SESSION_KIND_LABELS[s.kind]}：${s.title}`,
      description:
        [s.noticeNumber ? `文号：${s.noticeNumber}` : '', s.description ?? ''].filter(Boolean).join('\n') ||
        null,
      location: where || null,
      url: publicUrl(this.config, `/my/sessions/${s.id}`),
      status: s.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
}
