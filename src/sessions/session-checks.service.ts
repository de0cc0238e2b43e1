import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import { badRequest } from '../common/errors/app-error';
import { parseBureauInstant } from '../common/time/bureau-time';
import { Course } from '../content/entities/course.entity';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { CreateSessionDto, VenueDto } from './dto/session.dto';
import { TrainingSession } from './entities/training-session.entity';

/** What a new or changed session must satisfy beyond its DTO: times in order, and units, course and coordinators that exist. */
@Injectable()
export class SessionChecksService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  times(dto: Pick<CreateSessionDto, 'startsAt' | 'endsAt' | 'checkInClosesAt'>): Pick<TrainingSession, 'startsAt' | 'endsAt' | 'checkInClosesAt'> {
    const startsAt = parseBureauInstant(dto.startsAt);
    const endsAt = parseBureauInstant(dto.endsAt);
    if (!startsAt) throw badRequest('VALIDATION.FAILED', '开始时间格式不正确', { startsAt: 'isIso8601' });
    if (!endsAt) throw badRequest('VALIDATION.FAILED', '结束时间格式不正确', { endsAt: 'isIso8601' });
    if (endsAt.getTime() <= startsAt.getTime()) throw badRequest('SESSION.END_BEFORE_START', '结束时间必须晚于开始时间', { endsAt: 'before_start' });
    const closes = dto.checkInClosesAt ? parseBureauInstant(dto.checkInClosesAt) : endsAt;
    if (!closes || closes.getTime() <= startsAt.getTime()) {
      throw badRequest('SESSION.CHECKIN_CLOSE_INVALID', '签到截止时间必须晚于开始时间', { checkInClosesAt: 'before_start' });
    }
    return { startsAt, endsAt, checkInClosesAt: closes };
  }

  async assertUnits(unitIds: string[]): Promise<void> {
    const found = await this.em.countBy(Unit, { id: In(unitIds) });
    if (found !== new Set(unitIds).size) throw badRequest('SESSION.UNKNOWN_UNIT', '所选单位不存在，请重新选择', { unitIds: 'not_found' });
  }

  async assertCourse(courseId: string | undefined): Promise<void> {
    if (!courseId) return;
    if (!(await this.em.findOneBy(Course, { id: courseId }))) throw badRequest('SESSION.UNKNOWN_COURSE', '关联课程不存在', { courseId: 'not_found' });
  }

  /** A coordinator is a trainer or an officer given the duty (never a disabled account). */
  async assertVenues(venues: VenueDto[]): Promise<void> {
    for (const v of venues) {
      const user = await this.em.findOneBy(User, { id: v.coordinatorId });
      if (!user || user.disabled || !['trainer', 'officer', 'admin'].includes(user.role)) {
        throw badRequest('SESSION.UNKNOWN_COORDINATOR', `分会场“${v.name}”的负责人不存在或不可用`, { venues: 'coordinator_not_found' });
      }
      if (v.unitId && !(await this.em.findOneBy(Unit, { id: v.unitId }))) {
        throw badRequest('SESSION.UNKNOWN_UNIT', `分会场“${v.name}”的单位不存在`, { venues: 'unit_not_found' });
      }
    }
  }
}
