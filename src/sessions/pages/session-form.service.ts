import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In, IsNull } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { formFailure } from '../../common/forms/form-validation';
import { Course } from '../../content/entities/course.entity';
import { Unit } from '../../units/entities/unit.entity';
import { inTreeOrder } from '../../units/unit-tree';
import { User } from '../../users/entities/user.entity';
import { SESSION_KIND_LABELS, SESSION_KINDS } from '../entities/training-session.entity';
import type { SessionView } from '../session-view.service';
import { BUREAU_OFFSET_MS } from '../../common/time/bureau-time';
import { SessionErrors } from '../sessions.errors';

/** What the create/edit form posts (urlencoded; any field may arrive repeated from a crafted request). */
export type SessionFormBody = Record<string, string | string[] | undefined>;

const single = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is string => typeof x === 'string' && x !== '');
/** An instant as the value of `<input type="datetime-local">` in the bureau's zone. */
export const bureauLocalInput = (d: Date | null | undefined): string =>
  d ? new Date(d.getTime() + BUREAU_OFFSET_MS).toISOString().slice(0, 16) : '';

/** What the form calls its fields: field-messages.ts puts these names into its sentences. */
const SESSION_FORM_LABELS: Record<string, string> = {
  title: '培训名称',
  kind: '形式',
  noticeNumber: '文号',
  description: '简介',
  startsAt: '开始时间',
  endsAt: '结束时间',
  checkInOpensMinutes: '开放签到时间',
  lateGraceMinutes: '迟到宽限时间',
  checkInClosesAt: '签到截止时间',
  location: '地点',
  streamUrl: '直播链接',
  capacity: '名额',
  creditHours: '学时',
  minPresenceRatio: '最低在场比例',
  courseId: '关联课程',
  unitIds: '参训单位',
  includeSubtree: '含下级单位',
  venues: '分会场',
  materials: '学习材料',
  backfill: '补录已举办的培训',
};

/**
 * Venues and materials are typed one per line, so a problem inside one line (`materials.0.url`) is
 * told beside its text area as that field's line format, not under the nested DTO name.
 */
function byFormField(error: unknown): unknown {
  if (!(error instanceof AppError) || !error.errors || Array.isArray(error.errors)) return error;
  const entries = Object.entries(error.errors);
  if (!entries.some(([field]) => field.includes('.'))) return error;
  const errors = Object.fromEntries(
    entries.map(([field, code]) =>
      field.includes('.') ? [field.split('.')[0], 'invalid_line'] : [field, code],
    ),
  );
  return new AppError(error.getStatus(), error.code, error.message, errors);
}

/** The trainer's session form: its choices, and turning the posted form into the API's DTO shape. */
@Injectable()
export class SessionFormService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  async options() {
    const [courses, units] = await Promise.all([
      this.em.find(Course, { where: { retiredAt: IsNull() }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      this.em.find(Unit),
    ]);
    return {
      courses: courses.map((c) => ({ id: c.id, title: c.title })),
      units: inTreeOrder(units).map((u) => ({ ...u, indent: u.depth * 1.25 })),
      kinds: SESSION_KINDS.map((value) => ({ value, label: SESSION_KIND_LABELS[value] })),
    };
  }

  /**
   * The form again after a client error, every field named in its message; null for anything else
   * (the caller rethrows it).
   */
  async failed(
    error: unknown,
    body: SessionFormBody,
    page: { action: string; title: string; editing: boolean },
  ) {
    const failure = formFailure(byFormField(error), SESSION_FORM_LABELS);
    if (!failure) return null;
    const values = {
      ...body,
      unitIds: list(body.unitIds),
      includeSubtree: body.includeSubtree === '1',
      backfill: body.backfill === '1',
      materialsText: body.materials,
      venuesText: body.venues,
    };
    return {
      status: failure.status,
      model: {
        ...page,
        ...(await this.options()),
        values,
        errorMessage: failure.message,
        fieldErrors: failure.fields,
      },
    };
  }

  /** The form's values from a session (edit) or defaults (new). */
  async values(s: SessionView | null): Promise<Record<string, unknown>> {
    if (!s) {
      return {
        kind: 'classroom',
        includeSubtree: true,
        checkInOpensMinutes: 30,
        lateGraceMinutes: 10,
        minPresencePercent: 80,
        creditHours: 2,
        unitIds: [],
      };
    }
    const coordinators = await this.em.findBy(User, {
      id: In(s.venues.map((v) => v.coordinatorId).concat(['-'])),
    });
    const units = await this.em.findBy(Unit, { id: In(s.venues.map((v) => v.unitId ?? '-').concat(['-'])) });
    return {
      ...s,
      startsAt: bureauLocalInput(s.startsAt),
      endsAt: bureauLocalInput(s.endsAt),
      checkInClosesAt:
        s.checkInClosesAt.getTime() === s.endsAt.getTime() ? '' : bureauLocalInput(s.checkInClosesAt),
      minPresencePercent: Math.round(s.minPresenceRatio * 100),
      unitIds: s.units.map((u) => u.id),
      includeSubtree: s.units.every((u) => u.includeSubtree),
      materialsText: s.materials.map((m) => [m.title, m.url ?? m.text ?? ''].join(' | ')).join('\n'),
      venuesText: s.venues
        .map((v) =>
          [
            v.name,
            coordinators.find((c) => c.id === v.coordinatorId)?.username ?? '',
            units.find((u) => u.id === v.unitId)?.name ?? '',
            v.location ?? '',
          ].join(' | '),
        )
        .join('\n'),
    };
  }

  /**
   * Form → CreateSessionDto shape. Times are wall-clock times in Asia/Shanghai (parsed by the service);
   * empty ones are left to the DTO check, so one post names every missing field.
   */
  async toDto(body: SessionFormBody, forUpdate = false): Promise<Record<string, unknown>> {
    const num = (name: string) => (single(body[name]) === '' ? undefined : Number(single(body[name])));
    const percent = num('minPresencePercent');
    const dto: Record<string, unknown> = {
      title: single(body.title),
      kind: single(body.kind),
      description: single(body.description) || undefined,
      startsAt: single(body.startsAt),
      endsAt: single(body.endsAt),
      checkInClosesAt: single(body.checkInClosesAt) || undefined,
      checkInOpensMinutes: num('checkInOpensMinutes'),
      lateGraceMinutes: num('lateGraceMinutes'),
      location: single(body.location) || undefined,
      streamUrl: single(body.streamUrl) || undefined,
      noticeNumber: single(body.noticeNumber) || undefined,
      capacity: num('capacity'),
      creditHours: num('creditHours'),
      minPresenceRatio: percent === undefined ? undefined : percent / 100,
      courseId: single(body.courseId) || undefined,
      includeSubtree: body.includeSubtree === '1',
      unitIds: list(body.unitIds),
      materials: this.materials(single(body.materials)),
      venues: await this.venues(single(body.venues)),
    };
    if (!forUpdate && body.backfill === '1') dto.backfill = true;
    if (forUpdate && (dto.unitIds as string[]).length === 0) delete dto.unitIds;
    return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
  }

  /** One per line: `标题 | 网址或说明`. */
  private materials(text: string) {
    return text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 50)
      .map((line) => {
        const [title, rest = ''] = line.split('|').map((p) => p.trim());
        return /^https?:\/\//i.test(rest) ? { title, url: rest } : rest ? { title, text: rest } : { title };
      });
  }

  /** One per line: `分会场名称 | 负责人用户名 | 单位名称（可选） | 地点（可选）`. */
  private async venues(text: string) {
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 100);
    const out = [];
    for (const line of lines) {
      const [name, username, unitName, location] = line.split('|').map((p) => p.trim());
      if (!name || !username) throw SessionErrors.venuesInvalidLine(line);
      const user = await this.em.findOneBy(User, { username });
      if (!user) throw SessionErrors.venueCoordinatorUsernameNotFound(name, username);
      let unitId: string | undefined;
      if (unitName) {
        const units = await this.em.findBy(Unit, { name: unitName });
        if (units.length !== 1) throw SessionErrors.venueUnitNameNotFound(name, unitName);
        unitId = units[0].id;
      }
      out.push({
        name,
        coordinatorId: user.id,
        ...(unitId ? { unitId } : {}),
        ...(location ? { location } : {}),
      });
    }
    return out;
  }
}
