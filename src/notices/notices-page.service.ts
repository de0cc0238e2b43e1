import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { buildPager, pageWindow } from '../common/views/pager';
import { TrainingSession } from '../sessions/entities/training-session.entity';
import { Unit } from '../units/entities/unit.entity';
import { inTreeOrder } from '../units/unit-tree';
import { ROLE_LABELS, ROLES, User } from '../users/entities/user.entity';
import { formFailure, parseForm, type FormFailure } from '../common/forms/form-validation';
import { CreateNoticeDto } from './dto/notice.dto';
import { NoticeFollowUpService } from './notice-follow-up.service';
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
    private readonly followUp: NoticeFollowUpService,
  ) {}

  /** The form's fields as the API's request body (usernames resolved to ids). */
  async dtoFrom(body: NoticeForm): Promise<CreateNoticeDto> {
    const userIds = await this.userIdsFor(formSingle(body.users));
    return parseForm(CreateNoticeDto, {
      title: formSingle(body.title),
      body: formSingle(body.body),
      ...(formSingle(body.noticeNumber) ? { noticeNumber: formSingle(body.noticeNumber) } : {}),
      ...(formSingle(body.sessionId) ? { sessionId: formSingle(body.sessionId) } : {}),
      unitIds: formList(body.unitIds),
      includeSubtree: body.includeSubtree === '1',
      roles: formList(body.roles),
      userIds,
      wholeBureau: body.wholeBureau === '1',
    });
  }

  /**
   * The form's two steps without JavaScript: the first POST shows 「将发送给 N 人（M 个单位）」 with the
   * fields carried as hidden inputs; only the second (confirm=1) sends. edit=1 goes back to the form.
   */
  async submit(me: Principal, body: NoticeForm) {
    if (body.edit === '1') return { view: 'notices/index', model: await this.index(undefined, body) };
    try {
      const dto = await this.dtoFrom(body);
      if (body.confirm === '1') {
        const sent = await this.notices.send(me, dto);
        return { redirect: `/trainer/notices/${sent.id}?sent=${sent.recipients}` };
      }
      const size = await this.notices.preview(dto);
      const hidden = Object.entries(body)
        .filter(([name]) => !['_csrf', 'confirm', 'edit'].includes(name))
        .flatMap(([name, v]) => formList(v).map((value) => ({ name, value })));
      return { view: 'notices/confirm', model: { title: '确认发送通知', dto, size, hidden } };
    } catch (error) {
      return refusedOn(error, 'notices/index', async (failure) => ({
        ...(await this.index(undefined, body)),
        errorMessage: failure.message,
        fieldErrors: failure.fields,
      }));
    }
  }

  /** The trainer's notice page: counts, everyone's read time, and a flash after send/remind/withdraw. */
  async receipts(id: string, query: Record<string, string | undefined>, errorMessage?: string) {
    const [notice, receipts] = await Promise.all([this.notices.get(id), this.notices.receipts(id)]);
    const flash = errorMessage
      ? { kind: 'error', message: errorMessage }
      : query.sent
        ? { kind: 'success', message: `通知已发送给 ${Number(query.sent) || 0} 人` }
        : query.reminded
          ? { kind: 'success', message: `已安排提醒 ${Number(query.reminded) || 0} 名未读人员` }
          : query.withdrawn
            ? { kind: 'success', message: '通知已撤回，接收人只会看到「已撤回」' }
            : undefined;
    return { title: `阅读情况 · ${notice.title}`, notice, receipts, flash };
  }

  /** 提醒未读人员 from the page: refused (cooldown, withdrawn) shows the reason on the same page. */
  async remind(me: Principal, id: string) {
    try {
      const queued = await this.followUp.remindUnread(me, id);
      return { redirect: `/trainer/notices/${id}?reminded=${queued.unread}` };
    } catch (error) {
      return refusedOn(error, 'notices/receipts', (failure) => this.receipts(id, {}, failure.message));
    }
  }

  async withdraw(me: Principal, id: string) {
    await this.followUp.withdraw(me, id);
    return `/trainer/notices/${id}?withdrawn=1`;
  }

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
    const notice = await this.notices.open(me, id);
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
        wholeBureau: values.wholeBureau === '1',
      },
    };
  }
}

/** A refusal the person can act on comes back on `view` with its message; anything else is thrown on. */
async function refusedOn(
  error: unknown,
  view: string,
  model: (failure: FormFailure) => Promise<object>,
): Promise<{ view: string; status: number; model: object }> {
  const failure = formFailure(error);
  if (!failure) throw error;
  return { view, status: failure.status, model: await model(failure) };
}
