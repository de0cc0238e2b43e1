import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import { parseBureauInstant } from '../common/time/bureau-time';
import { Course } from '../content/entities/course.entity';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { CreateSessionDto, VenueDto } from './dto/session.dto';
import { TrainingSession } from './entities/training-session.entity';
import { SessionErrors } from './sessions.errors';

export const PAST_START_GRACE_MS = 5 * 60_000;

/** What a new or changed session must satisfy beyond its DTO: times in order, and units, course and coordinators that exist. */
@Injectable()
export class SessionChecksService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  times(
    dto: Pick<CreateSessionDto, 'startsAt' | 'endsAt' | 'checkInClosesAt'>,
  ): Pick<TrainingSession, 'startsAt' | 'endsAt' | 'checkInClosesAt'> {
    const startsAt = parseBureauInstant(dto.startsAt);
    const endsAt = parseBureauInstant(dto.endsAt);
    if (!startsAt) throw SessionErrors.startsAtIsIso8601();
    if (!endsAt) throw SessionErrors.endsAtIsIso8601();
    if (endsAt.getTime() <= startsAt.getTime()) throw SessionErrors.endBeforeStart();
    const closes = dto.checkInClosesAt ? parseBureauInstant(dto.checkInClosesAt) : endsAt;
    if (!closes || closes.getTime() <= startsAt.getTime()) {
      throw SessionErrors.checkinCloseInvalid();
    }
    return { startsAt, endsAt, checkInClosesAt: closes };
  }

  /**
   * A start in the past is refused (a session already under way or over would mark everyone 缺席)
   * unless the trainer records a class held before (补录). A few minutes of grace let a trainer
   * create a class at the minute it begins.
   */
  assertStart(startsAt: Date, backfill: boolean, now: Date): void {
    if (backfill) {
      if (startsAt.getTime() > now.getTime()) throw SessionErrors.backfillNotPast();
      return;
    }
    if (startsAt.getTime() < now.getTime() - PAST_START_GRACE_MS) throw SessionErrors.startInPast();
  }

  async assertUnits(unitIds: string[]): Promise<void> {
    const found = await this.em.countBy(Unit, { id: In(unitIds) });
    if (found !== new Set(unitIds).size) throw SessionErrors.unknownUnit();
  }

  async assertCourse(courseId: string | undefined): Promise<void> {
    if (!courseId) return;
    if (!(await this.em.findOneBy(Course, { id: courseId }))) throw SessionErrors.unknownCourse();
  }

  /** A coordinator is a trainer or an officer given the duty (never a disabled account). */
  async assertVenues(venues: VenueDto[]): Promise<void> {
    for (const v of venues) {
      const user = await this.em.findOneBy(User, { id: v.coordinatorId });
      if (!user || user.disabled || !['trainer', 'officer', 'admin'].includes(user.role)) {
        throw SessionErrors.venueCoordinatorNotFound(v.name);
      }
      if (v.unitId && !(await this.em.findOneBy(Unit, { id: v.unitId }))) {
        throw SessionErrors.venueUnitNotFound(v.name);
      }
    }
  }
}
