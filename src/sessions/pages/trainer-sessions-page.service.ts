import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { Repository } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { CsvColumn, toCsv } from '../../common/csv/csv-export';
import { AppError } from '../../common/errors/app-error';
import { publicUrl } from '../../common/http/public-url';
import { bureauDay, parseBureauInstant } from '../../common/time/bureau-time';
import { AppConfig } from '../../config/app-config';
import { Unit } from '../../units/entities/unit.entity';
import { ScopeService } from '../../units/scope.service';
import { inTreeOrder } from '../../units/unit-tree';
import { checkInCode, SLOT_MS, slotOf } from '../check-in-code';
import { ATTENDANCE_LABELS, ATTENDANCE_STATUSES } from '../entities/session-parts.entity';
import { TrainingSession } from '../entities/training-session.entity';
import { SessionAccessService } from '../session-access.service';
import { SessionsService } from '../sessions.service';
import { SessionQueriesService } from '../session-queries.service';
import { SessionReportsService, UnitAttendance } from '../session-reports.service';
import { SessionViewService } from '../session-view.service';
import { UnitAttendanceService } from '../unit-attendance.service';
import { monthGrid, monthParam, parseMonth } from './month-grid';
import { SessionFormService } from './session-form.service';
import { SESSION_LABELS } from './session-labels';

const ATTENDANCE_CSV: CsvColumn<UnitAttendance>[] = [
  { header: '单位', value: (u) => u.unitName },
  { header: '应到', value: (u) => u.enrolled },
  { header: '出席', value: (u) => u.present },
  { header: '迟到', value: (u) => u.late },
  { header: '早退', value: (u) => u.left_early },
  { header: '缺席', value: (u) => u.absent },
  { header: '请假', value: (u) => u.excused },
  { header: '未考勤', value: (u) => u.unmarked },
  { header: '出勤率', value: (u) => `${Math.round(u.rate * 100)}%` },
];

/** `YYYY-MM-DD` as the start (or end) of that bureau day; anything else is no bound. */
const day = (v: unknown, end: boolean) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
    ? parseBureauInstant(`${v}T${end ? '23:59:59.999' : '00:00:00'}`)
    : null;

/** What the trainer session pages show: schedule, form, roster, check-in screen and reports. */
@Injectable()
export class TrainerSessionsPageService {
  constructor(
    private readonly queries: SessionQueriesService,
    private readonly views: SessionViewService,
    private readonly access: SessionAccessService,
    private readonly reports: SessionReportsService,
    private readonly form: SessionFormService,
    private readonly config: AppConfig,
    private readonly unitAttendance: UnitAttendanceService,
    private readonly scope: ScopeService,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly sessions: SessionsService,
  ) {}

  /** The schedule: a month grid, or the list from 30 days ago on. */
  async schedule(me: Principal, view: string | undefined, monthText: string | undefined) {
    if (view === 'month') {
      const m = parseMonth(monthText);
      const list = await this.queries.list(me, m.from, m.to, 200, 0);
      return {
        title: '培训安排',
        monthView: true,
        monthLabel: `${m.year} 年 ${m.month} 月`,
        prevMonth: monthParam(m.year, m.month - 1),
        nextMonth: monthParam(m.year, m.month + 1),
        weeks: monthGrid(m.year, m.month, list.items),
        ...SESSION_LABELS,
      };
    }
    const since = new Date(Date.now() - 30 * 86_400_000);
    const list = await this.queries.list(me, since, null, 200, 0);
    return { title: '培训安排', items: list.items, ...SESSION_LABELS };
  }

  /** Attendance of a unit subtree over a period, with the units the caller may pick. */
  async unitReport(me: Principal, q: { unitId?: string; from?: string; to?: string }) {
    const unitId = typeof q.unitId === 'string' && q.unitId ? q.unitId : undefined;
    const report = await this.unitAttendance.report(me, unitId, day(q.from, false), day(q.to, true));
    const prefix = await this.scope.unitPathPrefix(me);
    const units = inTreeOrder(
      (await this.units.find()).filter((u) => prefix === null || u.path.startsWith(prefix)),
    );
    return {
      title: '培训考勤（按单位）',
      report,
      units: units.map((u) => ({
        ...u,
        label: `${'　'.repeat(u.depth)}${u.name}`,
        selected: u.id === report.unit?.id,
      })),
      from: bureauDay(report.from),
      to: bureauDay(new Date(report.to.getTime() - 1)),
    };
  }

  async newForm() {
    return {
      title: '新建培训',
      ...(await this.form.options()),
      values: await this.form.values(null),
      action: '/trainer/sessions',
    };
  }

  async editForm(me: Principal, id: string) {
    const view = await this.views.view(await this.queries.visible(me, id));
    return {
      title: `修改培训 · ${view.title}`,
      editing: true,
      ...(await this.form.options()),
      values: await this.form.values(view),
      action: `/trainer/sessions/${id}`,
    };
  }

  /** Detail and roster; managers read only, coordinators mark their venue. */
  async show(me: Principal, session: TrainingSession) {
    const [view, roster] = await Promise.all([this.views.view(session), this.access.roster(me, session)]);
    const isTrainer = me.role === 'trainer' || me.role === 'admin';
    const canMark =
      session.status !== 'cancelled' && (isTrainer || (await this.queries.isCoordinator(me.id, session.id)));
    return {
      title: view.title,
      session: view,
      roster,
      enrolled: roster.filter((r) => r.state === 'enrolled'),
      waiting: roster.filter((r) => r.state === 'waitlisted'),
      units: this.reports.byUnit(roster),
      excuses: isTrainer ? await this.reports.excuses(session.id) : [],
      isTrainer,
      canMark,
      editable: isTrainer && session.status === 'scheduled',
      // An ended session can be cancelled too (a wrongly created one): that withdraws its attendance and 学时.
      cancellable: isTrainer && session.status !== 'cancelled',
      ended: session.status === 'closed',
      statusOptions: ATTENDANCE_STATUSES.map((value) => ({ value, label: ATTENDANCE_LABELS[value] })),
      ...SESSION_LABELS,
    };
  }

  /** The cancel form's post: done → where to go; a refused reason → the session page again with the message. */
  async cancel(
    me: Principal,
    id: string,
    reason: unknown,
  ): Promise<{ redirect: string } | { status: number; model: Record<string, unknown> }> {
    const text = typeof reason === 'string' ? reason : '';
    try {
      await this.sessions.cancel(me, id, text);
      return { redirect: `/trainer/sessions/${id}?ok=cancelled` };
    } catch (error) {
      if (!(error instanceof AppError) || error.getStatus() >= 500 || error.getStatus() === 404) throw error;
      const session = await this.queries.visible(me, id);
      return {
        status: error.getStatus(),
        model: { ...(await this.show(me, session)), errorMessage: error.message, cancelReason: text },
      };
    }
  }

  async screen(me: Principal, session: TrainingSession) {
    return {
      title: `签到 · ${session.title}`,
      session: await this.views.view(session),
      live: await this.live(me, session.id),
      bare: true,
    };
  }

  /** The code on the projector now, its QR, and how many have checked in. */
  async live(me: Principal, id: string) {
    const now = new Date();
    const slot = slotOf(now);
    const code = checkInCode(await this.queries.codeSecret(id), id, slot);
    const url = publicUrl(this.config, `/my/sessions/${id}/check-in?code=${code}`);
    const roster = await this.access.roster(me, (await this.queries.find(id))!);
    const enrolled = roster.filter((r) => r.state === 'enrolled');
    return {
      code,
      url,
      expiresAt: new Date((slot + 1) * SLOT_MS).toISOString(),
      expiresLabel: new Date((slot + 1) * SLOT_MS).toLocaleTimeString('zh-CN', {
        hour12: false,
        timeZone: 'Asia/Shanghai',
      }),
      qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      checkedIn: enrolled.filter((r) => r.checkedInAt).length,
      enrolled: enrolled.length,
    };
  }

  /** The attendance report page, or its CSV by unit. */
  async report(
    me: Principal,
    session: TrainingSession,
    format: string | undefined,
  ): Promise<{ csv: string } | { model: Record<string, unknown> }> {
    const roster = await this.access.roster(me, session);
    const units = this.reports.byUnit(roster);
    if (format === 'csv') return { csv: toCsv(ATTENDANCE_CSV, units) };
    const view = await this.views.view(session);
    return {
      model: {
        title: `考勤统计 · ${session.title}`,
        session: view,
        units,
        roster: roster.filter((r) => r.state === 'enrolled'),
        ...SESSION_LABELS,
      },
    };
  }
}
