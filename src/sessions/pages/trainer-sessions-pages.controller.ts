import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { parseForm } from '../../common/forms/form-validation';
import { flashFor } from '../../common/views/page-options';
import { AttendanceService } from '../attendance.service';
import { CreateSessionDto, UpdateSessionDto } from '../dto/session.dto';
import { EnrolmentService } from '../enrolment.service';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '../entities/session-parts.entity';
import { SessionAccessService } from '../session-access.service';
import { SessionQueriesService } from '../session-queries.service';
import { SessionsService } from '../sessions.service';
import { SessionFormBody, SessionFormService } from './session-form.service';
import { TrainerSessionsPageService } from './trainer-sessions-page.service';

const FLASH: Record<string, string> = {
  created: '培训已创建，目标单位的干部已报名',
  updated: '培训已修改，已报名人员的日历会随之更新',
  cancelled: '培训已取消：提醒已撤回，考勤与学时已撤销',
  backfilled: '已补录：没有发送通知，请在下方逐人录入考勤',
  marked: '考勤已保存',
  excuse: '请假申请已处理',
};

/** Trainer pages: schedule (list and month), create/edit, roster with bulk marking, check-in screen, report. */
@ApiExcludeController()
@Controller('trainer/sessions')
export class TrainerSessionsPagesController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly queries: SessionQueriesService,
    private readonly attendance: AttendanceService,
    private readonly enrolment: EnrolmentService,
    private readonly access: SessionAccessService,
    private readonly form: SessionFormService,
    private readonly page: TrainerSessionsPageService,
  ) {}

  @Roles('trainer', 'admin')
  @Get()
  async index(
    @CurrentUser() me: Principal,
    @Query('view') view: string | undefined,
    @Query('month') monthText: string | undefined,
    @Res() res: Response,
  ) {
    res.render('sessions/schedule', await this.page.schedule(me, view, monthText));
  }

  /** Attendance of a unit subtree over a period (closed sessions), per officer. Managers: their subtree. */
  @Roles('trainer', 'admin', 'manager')
  @Get('attendance')
  async unitReport(
    @CurrentUser() me: Principal,
    @Query() q: { unitId?: string; from?: string; to?: string },
    @Res() res: Response,
  ) {
    res.render('sessions/unit-report', await this.page.unitReport(me, q));
  }

  @Roles('trainer', 'admin')
  @Get('new')
  async newForm(@Res() res: Response) {
    res.render('sessions/form', await this.page.newForm());
  }

  @Roles('trainer', 'admin')
  @Post()
  async create(@CurrentUser() me: Principal, @Body() body: SessionFormBody, @Res() res: Response) {
    try {
      const dto = await parseForm(CreateSessionDto, await this.form.toDto(body));
      const created = await this.sessions.create(me, dto);
      res.redirect(303, `/trainer/sessions/${created.id}?ok=${dto.backfill ? 'backfilled' : 'created'}`);
    } catch (error) {
      await this.formError(
        error,
        body,
        { action: '/trainer/sessions', title: '新建培训', editing: false },
        res,
      );
    }
  }

  @Roles('trainer', 'admin')
  @Get(':id/edit')
  async editForm(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    res.render('sessions/form', await this.page.editForm(me, id));
  }

  @Roles('trainer', 'admin')
  @Post(':id')
  async update(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: SessionFormBody,
    @Res() res: Response,
  ) {
    try {
      const dto = await parseForm(UpdateSessionDto, await this.form.toDto(body, true));
      await this.sessions.update(me, id, dto);
      res.redirect(303, `/trainer/sessions/${id}?ok=updated`);
    } catch (error) {
      await this.formError(
        error,
        body,
        { action: `/trainer/sessions/${id}`, title: '修改培训', editing: true },
        res,
      );
    }
  }

  @Roles('trainer', 'admin')
  @Post(':id/cancel')
  async cancel(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: { reason?: string },
    @Res() res: Response,
  ) {
    const outcome = await this.page.cancel(me, id, body.reason);
    if ('redirect' in outcome) res.redirect(303, outcome.redirect);
    else res.status(outcome.status).render('sessions/show', outcome.model);
  }

  /** Detail and roster: trainers, admins, the venue coordinators (their venue), managers (read only, their subtree). */
  @Get(':id')
  async show(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('ok') ok: string | undefined,
    @Res() res: Response,
  ) {
    const session = await this.queries.visible(me, id);
    res.render('sessions/show', { ...(await this.page.show(me, session)), flash: flashFor(FLASH, ok) });
  }

  /** Bulk marking: `status.<userId>` and `remark.<userId>` per row; unchanged rows are skipped by the service. */
  @Post(':id/attendance')
  async mark(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, string | string[]>,
    @Res() res: Response,
  ) {
    const session = await this.queries.visible(me, id);
    const venues = await this.access.markingVenues(me, session);
    const records = Object.entries(body)
      .filter(
        ([k, v]) =>
          k.startsWith('status.') &&
          typeof v === 'string' &&
          (ATTENDANCE_STATUSES as readonly string[]).includes(v),
      )
      .map(([k, v]) => {
        const userId = k.slice('status.'.length);
        const remark = body[`remark.${userId}`];
        return {
          userId,
          status: v as AttendanceStatus,
          remark: typeof remark === 'string' ? remark.slice(0, 500) : undefined,
        };
      });
    if (records.length > 0) {
      const reason = typeof body.reason === 'string' ? body.reason.slice(0, 500) : undefined;
      await this.attendance.mark(me, session, records, reason, venues);
    }
    res.redirect(303, `/trainer/sessions/${id}?ok=marked`);
  }

  @Roles('trainer', 'admin')
  @Post(':id/excuses/:excuseId')
  async decide(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('excuseId') excuseId: string,
    @Body() body: { approve?: string; note?: string },
    @Res() res: Response,
  ) {
    const session = await this.queries.visible(me, id);
    await this.enrolment.decideExcuse(
      me,
      session,
      excuseId,
      body.approve === '1',
      typeof body.note === 'string' ? body.note.slice(0, 500) : undefined,
    );
    res.redirect(303, `/trainer/sessions/${id}?ok=excuse`);
  }

  /** The projector screen: large rotating code and QR; views/assets/checkin-screen.js refreshes it. */
  @Get(':id/check-in')
  async screen(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const session = await this.queries.visible(me, id);
    await this.access.markingVenues(me, session);
    res.render('sessions/check-in-screen', await this.page.screen(me, session));
  }

  @Get(':id/check-in/live')
  async liveJson(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const session = await this.queries.visible(me, id);
    await this.access.markingVenues(me, session);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await this.page.live(me, id));
  }

  @Get(':id/report')
  async report(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('format') format: string | undefined,
    @Res() res: Response,
  ) {
    const session = await this.queries.visible(me, id);
    const report = await this.page.report(me, session, format);
    if ('csv' in report) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="attendance-${id}.csv"`);
      res.send(report.csv);
      return;
    }
    res.render('sessions/report', report.model);
  }

  private async formError(
    error: unknown,
    body: SessionFormBody,
    page: { action: string; title: string; editing: boolean },
    res: Response,
  ) {
    const failed = await this.form.failed(error, body, page);
    if (!failed) throw error;
    res.status(failed.status).render('sessions/form', failed.model);
  }
}
