import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import QRCode from 'qrcode';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { CsvColumn, toCsv } from '../../common/csv/csv-export';
import { formFailure, parseForm } from '../../common/forms/form-validation';
import { AppConfig } from '../../config/app-config';
import { AttendanceService } from '../attendance.service';
import { checkInCode, SLOT_MS, slotOf } from '../check-in-code';
import { CreateSessionDto, UpdateSessionDto } from '../dto/session.dto';
import { EnrolmentService } from '../enrolment.service';
import { ATTENDANCE_LABELS, ATTENDANCE_STATUSES, AttendanceStatus, ENROLMENT_STATE_LABELS, EXCUSE_STATE_LABELS } from '../entities/session-parts.entity';
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from '../entities/training-session.entity';
import { publicUrl } from '../../common/http/public-url';
import { SessionAccessService } from '../session-access.service';
import { SessionReportsService, UnitAttendance } from '../session-reports.service';
import { SessionsService } from '../sessions.service';
import { UnitAttendanceService } from '../unit-attendance.service';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { bureauDay, parseBureauInstant } from '../../common/time/bureau-time';
import { Unit } from '../../units/entities/unit.entity';
import { ScopeService } from '../../units/scope.service';
import { inTreeOrder } from '../../units/unit-tree';
import { monthGrid, monthParam, parseMonth } from './month-grid';
import { SESSION_FIELD_MESSAGES, SessionFormBody, SessionFormService } from './session-form.service';

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
const labels = { kindLabels: SESSION_KIND_LABELS, statusLabels: SESSION_STATUS_LABELS, attendanceLabels: ATTENDANCE_LABELS, stateLabels: ENROLMENT_STATE_LABELS, excuseLabels: EXCUSE_STATE_LABELS };
const FLASH: Record<string, string> = {
  created: '培训已创建，目标单位的干部已报名',
  updated: '培训已修改，已报名人员的日历会随之更新',
  cancelled: '培训已取消，提醒已撤回',
  marked: '考勤已保存',
  excuse: '请假申请已处理',
};

/** Trainer pages: schedule (list and month), create/edit, roster with bulk marking, check-in screen, report. */
@ApiExcludeController()
@Controller('trainer/sessions')
export class TrainerSessionsPagesController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly attendance: AttendanceService,
    private readonly enrolment: EnrolmentService,
    private readonly access: SessionAccessService,
    private readonly reports: SessionReportsService,
    private readonly form: SessionFormService,
    private readonly config: AppConfig,
    private readonly unitAttendance: UnitAttendanceService,
    private readonly scope: ScopeService,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
  ) {}

  @Roles('trainer', 'admin')
  @Get()
  async index(@CurrentUser() me: Principal, @Query('view') view: string | undefined, @Query('month') monthText: string | undefined, @Res() res: Response) {
    const m = parseMonth(monthText);
    if (view === 'month') {
      const list = await this.sessions.list(me, m.from, m.to, 200, 0);
      res.render('sessions/schedule', {
        title: '培训安排',
        monthView: true,
        monthLabel: `${m.year} 年 ${m.month} 月`,
        prevMonth: monthParam(m.year, m.month - 1),
        nextMonth: monthParam(m.year, m.month + 1),
        weeks: monthGrid(m.year, m.month, list.items),
        ...labels,
      });
      return;
    }
    const since = new Date(Date.now() - 30 * 86_400_000);
    const list = await this.sessions.list(me, since, null, 200, 0);
    res.render('sessions/schedule', { title: '培训安排', items: list.items, ...labels });
  }

  /** Attendance of a unit subtree over a period (closed sessions), per officer. Managers: their subtree. */
  @Roles('trainer', 'admin', 'manager')
  @Get('attendance')
  async unitReport(@CurrentUser() me: Principal, @Query() q: { unitId?: string; from?: string; to?: string }, @Res() res: Response) {
    const day = (v: unknown, end: boolean) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseBureauInstant(`${v}T${end ? '23:59:59.999' : '00:00:00'}`) : null);
    const unitId = typeof q.unitId === 'string' && q.unitId ? q.unitId : undefined;
    const report = await this.unitAttendance.report(me, unitId, day(q.from, false), day(q.to, true));
    const prefix = await this.scope.unitPathPrefix(me);
    const units = inTreeOrder((await this.units.find()).filter((u) => prefix === null || u.path.startsWith(prefix)));
    res.render('sessions/unit-report', {
      title: '培训考勤（按单位）',
      report,
      units: units.map((u) => ({ ...u, label: `${'　'.repeat(u.depth)}${u.name}`, selected: u.id === report.unit?.id })),
      from: bureauDay(report.from),
      to: bureauDay(new Date(report.to.getTime() - 1)),
    });
  }

  @Roles('trainer', 'admin')
  @Get('new')
  async newForm(@Res() res: Response) {
    res.render('sessions/form', { title: '新建培训', ...(await this.form.options()), values: await this.form.values(null), action: '/trainer/sessions' });
  }

  @Roles('trainer', 'admin')
  @Post()
  async create(@CurrentUser() me: Principal, @Body() body: SessionFormBody, @Res() res: Response) {
    try {
      const dto = await parseForm(CreateSessionDto, await this.form.toDto(body));
      const created = await this.sessions.create(me, dto);
      res.redirect(303, `/trainer/sessions/${created.id}?ok=created`);
    } catch (error) {
      await this.formError(error, body, '/trainer/sessions', '新建培训', res);
    }
  }

  @Roles('trainer', 'admin')
  @Get(':id/edit')
  async editForm(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const view = await this.sessions.view(await this.sessions.visible(me, id));
    res.render('sessions/form', { title: `修改培训 · ${view.title}`, editing: true, ...(await this.form.options()), values: await this.form.values(view), action: `/trainer/sessions/${id}` });
  }

  @Roles('trainer', 'admin')
  @Post(':id')
  async update(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: SessionFormBody, @Res() res: Response) {
    try {
      const dto = await parseForm(UpdateSessionDto, await this.form.toDto(body, true));
      await this.sessions.update(me, id, dto);
      res.redirect(303, `/trainer/sessions/${id}?ok=updated`);
    } catch (error) {
      await this.formError(error, body, `/trainer/sessions/${id}`, '修改培训', res, true);
    }
  }

  @Roles('trainer', 'admin')
  @Post(':id/cancel')
  async cancel(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: { reason?: string }, @Res() res: Response) {
    await this.sessions.cancel(me, id, typeof body.reason === 'string' ? body.reason.slice(0, 500) : undefined);
    res.redirect(303, `/trainer/sessions/${id}?ok=cancelled`);
  }

  /** Detail and roster: trainers, admins, the venue coordinators (their venue), managers (read only, their subtree). */
  @Get(':id')
  async show(@CurrentUser() me: Principal, @Param('id') id: string, @Query('ok') ok: string | undefined, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    const [view, roster] = await Promise.all([this.sessions.view(session), this.access.roster(me, session)]);
    const isTrainer = me.role === 'trainer' || me.role === 'admin';
    const canMark = session.status !== 'cancelled' && (isTrainer || (await this.sessions.isCoordinator(me.id, id)));
    res.render('sessions/show', {
      title: view.title,
      session: view,
      roster,
      enrolled: roster.filter((r) => r.state === 'enrolled'),
      waiting: roster.filter((r) => r.state === 'waitlisted'),
      units: this.reports.byUnit(roster),
      excuses: isTrainer ? await this.reports.excuses(id) : [],
      isTrainer,
      canMark,
      editable: isTrainer && session.status === 'scheduled',
      statusOptions: ATTENDANCE_STATUSES.map((value) => ({ value, label: ATTENDANCE_LABELS[value] })),
      flash: ok && FLASH[ok] ? { kind: 'success', message: FLASH[ok] } : undefined,
      ...labels,
    });
  }

  /** Bulk marking: `status.<userId>` and `remark.<userId>` per row; unchanged rows are skipped by the service. */
  @Post(':id/attendance')
  async mark(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: Record<string, string | string[]>, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    const venues = await this.access.markingVenues(me, session);
    const records = Object.entries(body)
      .filter(([k, v]) => k.startsWith('status.') && typeof v === 'string' && (ATTENDANCE_STATUSES as readonly string[]).includes(v))
      .map(([k, v]) => {
        const userId = k.slice('status.'.length);
        const remark = body[`remark.${userId}`];
        return { userId, status: v as AttendanceStatus, remark: typeof remark === 'string' ? remark.slice(0, 500) : undefined };
      });
    if (records.length > 0) {
      const reason = typeof body.reason === 'string' ? body.reason.slice(0, 500) : undefined;
      await this.attendance.mark(me, session, records, reason, venues);
    }
    res.redirect(303, `/trainer/sessions/${id}?ok=marked`);
  }

  @Roles('trainer', 'admin')
  @Post(':id/excuses/:excuseId')
  async decide(@CurrentUser() me: Principal, @Param('id') id: string, @Param('excuseId') excuseId: string, @Body() body: { approve?: string; note?: string }, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    await this.enrolment.decideExcuse(me, session, excuseId, body.approve === '1', typeof body.note === 'string' ? body.note.slice(0, 500) : undefined);
    res.redirect(303, `/trainer/sessions/${id}?ok=excuse`);
  }

  /** The projector screen: large rotating code and QR; views/assets/checkin-screen.js refreshes it. */
  @Get(':id/check-in')
  async screen(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    await this.access.markingVenues(me, session);
    res.render('sessions/check-in-screen', { title: `签到 · ${session.title}`, session: await this.sessions.view(session), live: await this.live(id, me), bare: true });
  }

  @Get(':id/check-in/live')
  async liveJson(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    await this.access.markingVenues(me, session);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await this.live(id, me));
  }

  @Get(':id/report')
  async report(@CurrentUser() me: Principal, @Param('id') id: string, @Query('format') format: string | undefined, @Res() res: Response) {
    const session = await this.sessions.visible(me, id);
    const roster = await this.access.roster(me, session);
    const units = this.reports.byUnit(roster);
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="attendance-${id}.csv"`);
      res.send(toCsv(ATTENDANCE_CSV, units));
      return;
    }
    res.render('sessions/report', { title: `考勤统计 · ${session.title}`, session: await this.sessions.view(session), units, roster: roster.filter((r) => r.state === 'enrolled'), ...labels });
  }

  private async live(id: string, me: Principal) {
    const now = new Date();
    const slot = slotOf(now);
    const code = checkInCode(await this.sessions.codeSecret(id), id, slot);
    const url = publicUrl(this.config, `/my/sessions/${id}/check-in?code=${code}`);
    const roster = await this.access.roster(me, (await this.sessions.find(id))!);
    const enrolled = roster.filter((r) => r.state === 'enrolled');
    return {
      code,
      url,
      expiresAt: new Date((slot + 1) * SLOT_MS).toISOString(),
      expiresLabel: new Date((slot + 1) * SLOT_MS).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }),
      qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      checkedIn: enrolled.filter((r) => r.checkedInAt).length,
      enrolled: enrolled.length,
    };
  }

  private async formError(error: unknown, body: SessionFormBody, action: string, title: string, res: Response, editing = false) {
    const failure = formFailure(error);
    if (!failure) throw error;
    const fields = Object.fromEntries(
      Object.entries(failure.fields).map(([k, v]) => {
        const code = /（(.+)）$/.exec(v)?.[1];
        return [k, code && SESSION_FIELD_MESSAGES[code] ? SESSION_FIELD_MESSAGES[code] : v];
      }),
    );
    const list = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []);
    const values = { ...body, unitIds: list(body.unitIds), includeSubtree: body.includeSubtree === '1', materialsText: body.materials, venuesText: body.venues };
    res.status(failure.status).render('sessions/form', { title, editing, ...(await this.form.options()), values, action, errorMessage: failure.message, fieldErrors: fields });
  }
}
