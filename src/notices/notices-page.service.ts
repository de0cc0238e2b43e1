import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { buildPager, pageWindow } from '../common/views/pager';
import { TrainingSession } from '../sessions/entities/training-session.entity';
import { Unit } from '../units/entities/unit.entity';
import { inTreeOrder } from '../units/unit-tree';
import { ROLE_LABELS, ROLES, User } from '../users/entities/user.entity';
import { NoticesService } from './notices.service';
import { NoticeErrors } from './notices.errors';

const PAGE_SIZE = 20;
export type NoticeForm = Record<string, string | string[] | undefined>;
export const formList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is string => typeof x === 'string' && x !== '');
export const formSingle = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The lookups behind the notice pages, so the page controller only routes, validates and renders. */
@Injectable()
export class NoticesPageService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly notices: NoticesService,
  ) {}

  /** The ids of the usernames typed into the form; an unknown one is a form error naming the first five. */
  async userIdsFor(usernames: string): Promise<string[]> {
    const users = usernames
      .split(/[\s,，;；、]+/)
      .filter(Boolean)
      .slice(0, 2000);
    const found = users.length ? await this.em.findBy(User, { username: In(users) }) : [];
    const missing = users.filter((u) => !found.some((f) => f.username === u));
    if (missing.length > 0) throw NoticeErrors.unknownUsernames(missing.slice(0, 5).join('、'));
    return found.map((u) => u.id);
  }

  /** A recipient reads the notice (opening it is the read receipt); trainers and admins just look. */
  async show(me: Principal, id: string) {
    const notice =
      me.role === 'trainer' || me.role === 'admin'
        ? await this.notices.get(id)
        : await this.notices.readAsRecipient(me, id);
    const session = notice.sessionId
      ? await this.em.findOneBy(TrainingSession, { id: notice.sessionId })
      : null;
    return { title: notice.title, notice, session };
  }

  async index(pageParam: string | undefined, values: NoticeForm) {
    const { page, limit, offset } = pageWindow(pageParam, PAGE_SIZE);
    const [sent, units, sessions] = await Promise.all([
      this.notices.list(limit, offset),
      this.em.find(Unit),
      this.em.find(TrainingSession, {
        where: { status: 'scheduled' },
        order: { startsAt: 'ASC' },
        take: 100,
      }),
    ]);
    return {
      title: '通知公告',
      items: sent.items,
      pager: buildPager('/trainer/notices', {}, page, PAGE_SIZE, sent.total),
      units: inTreeOrder(units).map((u) => ({ ...u, indent: u.depth * 1.25 })),
      roles: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
      sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt })),
      values: {
        ...values,
        unitIds: formList(values.unitIds),
        roles: formList(values.roles),
        includeSubtree: values.includeSubtree === '1',
      },
    };
  }
}
