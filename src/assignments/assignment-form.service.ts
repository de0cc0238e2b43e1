import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In, IsNull } from 'typeorm';
import { endOfBureauDay } from '../common/time/bureau-time';
import { Course } from '../content/entities/course.entity';
import { Unit } from '../units/entities/unit.entity';
import { inTreeOrder } from '../units/unit-tree';
import { ROLE_LABELS, User } from '../users/entities/user.entity';
import { LEARNER_ROLES } from './learners';
import { AssignmentErrors } from './assignments.errors';

/**
 * What the create form posts (urlencoded: repeated checkboxes arrive as arrays, single ones as
 * strings). Any field may arrive repeated (an array) from a crafted request, so none is trusted to be
 * a string.
 */
export interface AssignmentFormBody {
  courseId?: string | string[];
  unitIds?: string | string[];
  includeSubtree?: string | string[];
  roles?: string | string[];
  users?: string | string[];
  dueDate?: string | string[];
  note?: string | string[];
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean);
/** A single text field; a repeated or non-text value is not one. */
const single = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The trainer's create form: its choices, and turning a posted form into the API's DTO shape. */
@Injectable()
export class AssignmentFormService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  async options() {
    const [courses, units] = await Promise.all([
      this.em.find(Course, { where: { retiredAt: IsNull() }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      this.em.find(Unit, { where: { retiredAt: IsNull() } }), // retired units take no new assignments
    ]);
    return {
      courses: courses.map((c) => ({ id: c.id, title: c.title, creditHours: c.creditHours })),
      units: inTreeOrder(units).map((u) => ({ ...u, indent: u.depth * 1.25 })),
      roles: LEARNER_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
    };
  }

  /**
   * Form → `{courseId, unitIds, includeSubtree, roles, userIds, dueAt, note}`. Officers may be typed as
   * user names or ids, separated by spaces, commas or new lines; the date is the end of that day in
   * Asia/Shanghai.
   */
  async toDto(body: AssignmentFormBody): Promise<Record<string, unknown>> {
    const dueDate = single(body.dueDate);
    const dueAt = dueDate ? endOfBureauDay(dueDate) : null;
    if (!dueAt) throw AssignmentErrors.dueAtRequired();
    const users = list(body.users);
    if (users.some((u) => typeof u !== 'string')) throw AssignmentErrors.userIdsIsString();
    const note = body.note === undefined ? '' : single(body.note);
    if (note === null) throw AssignmentErrors.noteIsString();
    return {
      courseId: body.courseId ?? '',
      unitIds: list(body.unitIds),
      includeSubtree: body.includeSubtree === '1',
      roles: list(body.roles),
      userIds: await this.resolveUsers(users.join(' ')),
      dueAt: dueAt.toISOString(),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
  }

  private async resolveUsers(text: string): Promise<string[]> {
    const tokens = [
      ...new Set(
        text
          .split(/[\s,，;；、]+/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ].slice(0, 2000);
    if (tokens.length === 0) return [];
    const found = await this.em.find(User, { where: [{ username: In(tokens) }, { id: In(tokens) }] });
    const missing = tokens.filter((t) => !found.some((u) => u.username === t || u.id === t));
    if (missing.length > 0) {
      throw AssignmentErrors.unknownUser(missing.slice(0, 5).join('、'));
    }
    return [...new Set(found.map((u) => u.id))];
  }
}
