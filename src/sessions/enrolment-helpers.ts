import { EntityManager } from 'typeorm';
import { formatBureauDateTime as formatBureauTime } from '../common/time/bureau-time';
import { rawRows } from '../database/sql/raw-sql';
import { TrainingSession } from './entities/training-session.entity';
import { SESSION_ENROLLED_KIND } from './session-notifications';

/** Venue matching and the enrolment messages, kept apart from EnrolmentService's writes. */

/** The session's venues that belong to a unit, with that unit's path. */
export async function venuesWithPaths(
  em: EntityManager,
  sessionId: string,
): Promise<Array<{ id: string; path: string }>> {
  const rows = await rawRows<{ id: string; path: string | null }>(
    em,
    `SELECT v."id", u."path" FROM session_venues v LEFT JOIN units u ON u."id" = v."unitId" WHERE v."sessionId" = :sessionId`,
    { sessionId },
  );
  return rows.filter((r) => r.path).map((r) => ({ id: r.id, path: String(r.path) }));
}

/** The venue of the deepest unit that contains the officer's unit; null = the main venue. */
export function venueFor(venues: Array<{ id: string; path: string }>, unitPath: string): string | null {
  const matches = venues
    .filter((v) => unitPath.startsWith(v.path))
    .sort((a, b) => b.path.length - a.path.length);
  return matches[0]?.id ?? null;
}

/** Told to an officer enrolled by `syncSessionIn`. */
export function enrolledMessage(session: TrainingSession, now = new Date()) {
  // 请假 is possible only before the start: a session already begun does not ask for it.
  const excuse =
    session.startsAt.getTime() > now.getTime() ? '如不能参加，请在开始前请假。' : '培训已开始，请尽快签到。';
  return {
    kind: SESSION_ENROLLED_KIND,
    sourceId: session.id,
    title: `培训通知：${session.title}`,
    body: `您已被安排参加本次培训，${formatBureauTime(session.startsAt)} 开始${session.location ? `，地点：${session.location}` : ''}。${excuse}`,
    link: `/my/sessions/${session.id}`,
  };
}

/** Told to an officer `syncSessionIn` put on the waiting list. */
export function waitlistedMessage(session: TrainingSession) {
  return {
    kind: SESSION_ENROLLED_KIND,
    sourceId: session.id,
    title: `已进入候补：${session.title}`,
    body: `本次培训（${formatBureauTime(session.startsAt)} 开始）名额已满，您在候补名单中；有人请假时按顺序递补，届时会通知您。`,
    link: `/my/sessions/${session.id}`,
  };
}
