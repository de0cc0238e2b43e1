import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { rawRows } from '../database/sql/raw-sql';
import { inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';
import { CreateSessionDto, VenueDto } from './dto/session.dto';
import { SessionTarget, SessionVenue } from './entities/session-parts.entity';
import { SessionMaterial, TrainingSession } from './entities/training-session.entity';

/** Pure form mapping and target and venue writes shared by create and update in SessionsService. */
export const trimOrNull = (v: string | undefined | null) => (v && v.trim() !== '' ? v.trim() : null);

/** What the session form sets, trimmed and with its defaults: the same for a new session and a change. */
export const formFields = (dto: CreateSessionDto) => ({
  kind: dto.kind,
  title: dto.title.trim(),
  description: trimOrNull(dto.description),
  checkInOpensMinutes: dto.checkInOpensMinutes ?? 30,
  lateGraceMinutes: dto.lateGraceMinutes ?? 10,
  location: trimOrNull(dto.location),
  streamUrl: trimOrNull(dto.streamUrl),
  noticeNumber: trimOrNull(dto.noticeNumber),
  creditHours: dto.creditHours,
  minPresenceRatio: dto.minPresenceRatio ?? 0.8,
  courseId: trimOrNull(dto.courseId),
  materials: JSON.stringify(dto.materials ?? []),
});

/** The units a session is for (and, with `includeSubtree`, the units below them). */
export async function insertTargets(
  em: EntityManager,
  sessionId: string,
  unitIds: string[],
  includeSubtree: boolean,
): Promise<void> {
  if (unitIds.length === 0) return;
  await em.insert(
    SessionTarget,
    unitIds.map((unitId) => ({ id: randomUUID(), sessionId, unitId, includeSubtree })),
  );
}

export async function insertVenues(em: EntityManager, sessionId: string, venues: VenueDto[]): Promise<void> {
  if (venues.length === 0) return;
  await em.insert(
    SessionVenue,
    venues.map((v) => ({
      id: randomUUID(),
      sessionId,
      name: v.name.trim(),
      location: trimOrNull(v.location),
      unitId: v.unitId ?? null,
      coordinatorId: v.coordinatorId,
    })),
  );
}

/** Each enrolment goes to the venue of the deepest unit containing the officer's unit. */
export async function reassignVenues(em: EntityManager, sessionId: string): Promise<void> {
  const venues = await rawRows<{ id: string; path: string }>(
    em,
    `SELECT v."id", u."path" FROM session_venues v JOIN units u ON u."id" = v."unitId" WHERE v."sessionId" = :sessionId`,
    { sessionId },
  );
  for (const v of venues.sort((a, b) => a.path.length - b.path.length)) {
    await rawRows(
      em,
      `UPDATE session_enrolments SET "venueId" = :venueId WHERE "sessionId" = :sessionId AND "userId" IN
         (SELECT us."id" FROM users us JOIN units un ON un."id" = us."unitId" WHERE ${inUnitSubtreeOf('un."path"', 'pathLike')})`,
      { venueId: v.id, sessionId, pathLike: subtreePrefix(v.path) },
    );
  }
}

/** The stored session as the form that would create it, so a change can be merged over it. */
export function sessionAsDto(s: TrainingSession): CreateSessionDto {
  return {
    title: s.title,
    kind: s.kind,
    description: s.description ?? undefined,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    checkInClosesAt:
      s.checkInClosesAt.getTime() === s.endsAt.getTime() ? undefined : s.checkInClosesAt.toISOString(),
    checkInOpensMinutes: s.checkInOpensMinutes,
    lateGraceMinutes: s.lateGraceMinutes,
    location: s.location ?? undefined,
    streamUrl: s.streamUrl ?? undefined,
    noticeNumber: s.noticeNumber ?? undefined,
    capacity: s.capacity ?? undefined,
    unitIds: [],
    creditHours: Number(s.creditHours),
    minPresenceRatio: Number(s.minPresenceRatio),
    courseId: s.courseId ?? undefined,
    materials: JSON.parse(s.materials || '[]') as SessionMaterial[],
  };
}
