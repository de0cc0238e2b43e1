import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import {
  actionLabel,
  AUDIT_FIELD_LABELS,
  entityTypeLabel,
  LOGIN_FAILURE_REASONS,
  LOGIN_VIA,
  roleName,
  unitKindName,
} from './audit-labels';
import { show, summariseChange, ChangeFormatter } from './audit-summary';
import { formatBureauDateTime } from '../common/time/bureau-time';
import { beijingMinute, beijingSecond } from './audit-time';
import type { AuditLog } from './entities/audit-log.entity';

/** An audit row as a person reads it: Chinese names, people and units by name, Beijing time. */
export interface AuditRowView {
  id: string;
  time: string;
  timeWithSeconds: string;
  actor: string;
  actorUsername: string | null;
  action: string;
  actionLabel: string;
  entity: string;
  ip: string | null;
  summary: string;
}

// Assignments and courses are looked up by entity name, not class: audit sits below those features and must not import them.
const UNIT_KEYS = new Set(['unitId', 'unitIds', 'parentId', 'fromParentId', 'toParentId']);
const USER_KEYS = new Set(['userId', 'userIds']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

interface Names {
  users: Map<string, { name: string; username: string }>;
  units: Map<string, string>;
  courses: Map<string, string>;
  assignmentCourse: Map<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** `IN (...)` lists stay well below SQLite's parameter limit, however many rows an export holds. */
async function inChunks<T>(ids: Set<string>, find: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const all = [...ids];
  const out: T[] = [];
  for (let i = 0; i < all.length; i += 500) out.push(...(await find(all.slice(i, i + 500))));
  return out;
}

/** Looks up every person, unit, course and assignment a page of rows mentions in a few queries. */
@Injectable()
export class AuditPresenter {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  async present(rows: AuditLog[], summaryLength?: number): Promise<AuditRowView[]> {
    const names = await this.names(rows);
    const fmt = this.formatter(names);
    return rows.map((row) => ({
      id: row.id,
      time: beijingMinute(new Date(row.createdAt)),
      timeWithSeconds: beijingSecond(new Date(row.createdAt)),
      actor: this.person(names, row.actorId, row.actorUsername),
      actorUsername: row.actorUsername,
      action: row.action,
      actionLabel: actionLabel(row.action),
      entity: this.entity(names, row),
      ip: row.ip,
      summary: summariseChange(row.before, row.after, fmt, summaryLength),
    }));
  }

  private person(names: Names, id: string | null, username: string | null): string {
    const user = id ? names.users.get(id) : undefined;
    if (user) return `${user.name}（${user.username}）`;
    return username ?? '系统';
  }

  private entity(names: Names, row: AuditLog): string {
    const type = entityTypeLabel(row.entityType);
    const id = row.entityId;
    if (!id) return type;
    if (row.entityType === 'user') {
      const user = names.users.get(id);
      return user ? `${type} ${user.name}（${user.username}）` : `${type}（已不存在）`;
    }
    if (row.entityType === 'unit') return `${type} ${names.units.get(id) ?? '（已不存在）'}`;
    if (row.entityType === 'assignment') return `${type} ${names.assignmentCourse.get(id) ?? '（已不存在）'}`;
    if (row.entityType === 'course') return `${type} ${names.courses.get(id) ?? id}`;
    if (row.entityType === 'content') return `${type}（版本 ${id.slice(0, 8)}）`;
    return `${type} ${id.slice(0, 8)}`;
  }

  private formatter(names: Names): ChangeFormatter {
    const unit = (id: unknown) => names.units.get(String(id)) ?? '（已不存在的单位）';
    const user = (id: unknown) => {
      const u = names.users.get(String(id));
      return u ? `${u.name}（${u.username}）` : '（已不存在的用户）';
    };
    return {
      field: (key) => AUDIT_FIELD_LABELS[key] ?? key,
      value: (key, value) => {
        if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
        if (UNIT_KEYS.has(key)) return asList(value).map(unit).join('、');
        if (USER_KEYS.has(key)) return asList(value).map(user).join('、');
        if (key === 'role' || key === 'roles') return asList(value).map(roleName).join('、');
        if (key === 'kind') return unitKindName(value);
        if (key === 'courseId') return names.courses.get(String(value)) ?? String(value);
        if (key === 'disabled') return value ? '已停用' : '正常';
        if (key === 'retired') return value ? '已撤销' : '在用';
        if (key === 'reason') return LOGIN_FAILURE_REASONS[String(value)] ?? String(value);
        if (key === 'via') return LOGIN_VIA[String(value)] ?? String(value);
        if (key === 'passwordReset') return value ? '已重置' : '未改';
        if (typeof value === 'boolean') return value ? '是' : '否';
        // instants in changes (due dates) read exactly as on the pages: 2026/12/31 23:59
        if (typeof value === 'string' && ISO_INSTANT.test(value)) {
          return formatBureauDateTime(new Date(value));
        }
        return show(value);
      },
    };
  }

  private async names(rows: AuditLog[]): Promise<Names> {
    const userIds = new Set<string>();
    const unitIds = new Set<string>();
    const courseIds = new Set<string>();
    const assignmentIds = new Set<string>();
    for (const row of rows) {
      if (row.actorId) userIds.add(row.actorId);
      if (row.entityId && row.entityType === 'user') userIds.add(row.entityId);
      if (row.entityId && row.entityType === 'unit') unitIds.add(row.entityId);
      if (row.entityId && row.entityType === 'assignment') assignmentIds.add(row.entityId);
      if (row.entityId && row.entityType === 'course') courseIds.add(row.entityId);
      for (const side of [row.before, row.after]) {
        if (!isRecord(side)) continue;
        for (const [key, value] of Object.entries(side)) {
          const target = UNIT_KEYS.has(key)
            ? unitIds
            : USER_KEYS.has(key)
              ? userIds
              : key === 'courseId'
                ? courseIds
                : null;
          if (target) for (const v of asList(value)) if (typeof v === 'string' && v) target.add(v);
        }
      }
    }
    const assignments = await inChunks(assignmentIds, (ids) =>
      this.em.find<{ id: string; courseId: string }>('Assignment', {
        where: { id: In(ids) },
        select: { id: true, courseId: true },
      }),
    );
    for (const a of assignments) courseIds.add(a.courseId);
    const users = await inChunks(userIds, (ids) =>
      this.em.find(User, { where: { id: In(ids) }, select: { id: true, name: true, username: true } }),
    );
    const units = await inChunks(unitIds, (ids) =>
      this.em.find(Unit, { where: { id: In(ids) }, select: { id: true, name: true } }),
    );
    const courses = await inChunks(courseIds, (ids) =>
      this.em.find<{ id: string; title: string }>('Course', {
        where: { id: In(ids) },
        select: { id: true, title: true },
      }),
    );
    const courseTitles = new Map(courses.map((c) => [c.id, c.title]));
    return {
      users: new Map(users.map((u) => [u.id, { name: u.name, username: u.username }])),
      units: new Map(units.map((u) => [u.id, u.name])),
      courses: courseTitles,
      assignmentCourse: new Map(assignments.map((a) => [a.id, courseTitles.get(a.courseId) ?? a.courseId])),
    };
  }
}
