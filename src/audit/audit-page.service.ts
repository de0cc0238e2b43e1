import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { attachmentHeader, toCsv } from '../common/csv/csv-export';
import { buildPager, pageWindow } from '../common/views/pager';
import { User } from '../users/entities/user.entity';
import { actionLabel, AUDIT_ACTION_LABELS } from './audit-labels';
import { AuditPresenter, AuditRowView } from './audit-presenter.service';
import { AuditFilter, AuditService } from './audit.service';
import { beijingMinute, endOfBeijingDay, startOfBeijingDay } from './audit-time';

const PAGE_SIZE = 30;
/** An export beyond this is cut; the page says so and asks for a narrower date range. */
export const AUDIT_EXPORT_MAX = 20_000;

/** The page's filters as they stand in the URL (plain strings; anything else is ignored). */
interface AuditQuery {
  who?: string;
  action?: string;
  from?: string;
  to?: string;
}

const text = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
const day = (v: unknown): string | undefined => {
  const s = text(v, 10);
  return s && startOfBeijingDay(s) ? s : undefined;
};

/** What /admin/audit shows and exports; the page controller only routes and renders. */
@Injectable()
export class AuditPageService {
  constructor(
    private readonly audit: AuditService,
    private readonly presenter: AuditPresenter,
    @InjectEntityManager() private readonly em: EntityManager,
  ) {}

  async index(raw: Record<string, unknown>) {
    const query = this.query(raw);
    const { page, limit, offset } = pageWindow(text(raw.page, 10), PAGE_SIZE);
    const filter = await this.filter(query);
    const [{ items, total }, actions] = await Promise.all([
      this.audit.list(limit, offset, filter),
      this.audit.actions(),
    ]);
    const codes = [...new Set([...Object.keys(AUDIT_ACTION_LABELS), ...actions])];
    return {
      title: '审计日志',
      query,
      invalidRange:
        typeof raw.from === 'string' && raw.from !== '' && !query.from
          ? '开始日期'
          : typeof raw.to === 'string' && raw.to !== '' && !query.to
            ? '结束日期'
            : undefined,
      actions: codes.map((code) => ({
        value: code,
        label: actionLabel(code),
        selected: code === query.action,
      })),
      rows: await this.presenter.present(items),
      total,
      exportHref: `/admin/audit/export.csv${this.queryString(query)}`,
      filtered: Object.values(query).some(Boolean),
      pager: buildPager('/admin/audit', { ...query }, page, PAGE_SIZE, total),
    };
  }

  /** The filtered log as CSV (UTF-8 with BOM, formula cells neutralised), newest first. */
  async exportCsv(raw: Record<string, unknown>): Promise<{ csv: string; disposition: string }> {
    const query = this.query(raw);
    const { items } = await this.audit.list(AUDIT_EXPORT_MAX, 0, await this.filter(query));
    const rows = await this.presenter.present(items, 2000);
    const csv = toCsv<AuditRowView>(
      [
        { header: '时间（北京时间）', value: (r) => r.timeWithSeconds },
        { header: '操作人', value: (r) => r.actor },
        { header: '操作', value: (r) => r.actionLabel },
        { header: '操作代码', value: (r) => r.action },
        { header: '对象', value: (r) => r.entity },
        { header: 'IP', value: (r) => r.ip },
        { header: '变更', value: (r) => r.summary },
      ],
      rows,
    );
    const stamp = beijingMinute(new Date()).replace(/[-: ]/g, '').slice(0, 12);
    return { csv, disposition: attachmentHeader(`审计日志-${stamp}.csv`) };
  }

  private query(raw: Record<string, unknown>): AuditQuery {
    return { who: text(raw.who, 64), action: text(raw.action, 64), from: day(raw.from), to: day(raw.to) };
  }

  private queryString(query: AuditQuery): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    const s = params.toString();
    return s ? `?${s}` : '';
  }

  /** A person is found by name or username: their ids, plus the attempted username of failed logins. */
  private async filter(query: AuditQuery): Promise<AuditFilter> {
    const filter: AuditFilter = { action: query.action };
    if (query.from) filter.from = startOfBeijingDay(query.from) ?? undefined;
    if (query.to) filter.to = endOfBeijingDay(query.to) ?? undefined;
    if (query.who) {
      const pattern = `%${query.who.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const people = await this.em
        .createQueryBuilder(User, 'u')
        .select('u.id', 'id')
        .where("(LOWER(u.username) LIKE :p ESCAPE '\\' OR LOWER(u.name) LIKE :p ESCAPE '\\')", { p: pattern })
        .limit(500)
        .getRawMany<{ id: string }>();
      filter.actorIds = people.map((p) => p.id);
      filter.actorText = query.who;
    }
    return filter;
  }
}
