import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { formFailure, parseForm } from '../common/forms/form-validation';
import { buildPager, pageWindow } from '../common/views/pager';
import { bureauDay } from '../common/time/bureau-time';
import { AssignmentFormBody, AssignmentFormService } from './assignment-form.service';
import { AssignmentManagementService } from './assignment-management.service';
import { AssignmentReportsService } from './assignment-reports.service';
import { ASSIGNMENT_STATUSES, AssignmentStatus, STATUS_LABELS } from './assignment-status';
import { AssignmentsService } from './assignments.service';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { targetsLabel } from './target-label';
import { flashFor } from '../common/views/page-options';
import { AssignmentErrors } from './assignments.errors';

const PAGE_SIZE = 20;
const OFFICER_PAGE_SIZE = 50;

/** The message after a create or a change (PRG), from the redirect's query. */
function showFlash(query: { ok?: string; count?: string; merged?: string }) {
  const count = Number(query.count) || 0;
  const merged = Number(query.merged) || 0;
  const messages: Record<string, string> = {
    created: `学习任务已布置，共 ${count} 人。${merged > 0 ? `其中 ${merged} 人已有该课程的其他学习任务，已合并为一项，以最早的截止日期为准。` : ''}`,
    extended: '截止日期已延长。',
    cancelled: '学习任务已取消：记录保留，不再计入任何人的待完成或逾期。',
    reminded: count > 0 ? `已向 ${count} 名尚未完成的人员发送站内提醒。` : '所有人员都已完成，无需提醒。',
  };
  return flashFor(messages, query.ok);
}
const statusFilter = (s?: string): AssignmentStatus | undefined =>
  (ASSIGNMENT_STATUSES as readonly string[]).includes(s ?? '') ? (s as AssignmentStatus) : undefined;

/** /trainer/assignments: list, create form (PRG) and the status of one assignment. */
@ApiExcludeController()
@Controller('trainer/assignments')
export class TrainerPagesController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly reports: AssignmentReportsService,
    private readonly form: AssignmentFormService,
    private readonly management: AssignmentManagementService,
  ) {}

  @Roles('trainer', 'admin')
  @Get()
  async index(@Query('page') pageParam: string | undefined, @Res() res: Response) {
    const model = await this.indexModel(pageParam, {});
    if (model.pager.beyond) return res.redirect(302, model.pager.beyond); // ?page=999: the last page, not "no assignments"
    res.render('trainer/assignments', model);
  }

  @Roles('trainer', 'admin')
  @Post()
  async create(@CurrentUser() me: Principal, @Body() body: AssignmentFormBody, @Res() res: Response) {
    try {
      const dto = await parseForm(CreateAssignmentDto, await this.form.toDto(body));
      const created = await this.assignments.create(me, dto);
      res.redirect(
        303,
        `/trainer/assignments/${created.id}?ok=created&count=${created.assignedCount}&merged=${created.mergedCount}`,
      );
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const model = await this.indexModel(undefined, body);
      res.status(failure.status).render('trainer/assignments', {
        ...model,
        errorMessage: failure.message,
        fieldErrors: failure.fields,
      });
    }
  }

  @Roles('trainer', 'admin', 'manager')
  @Get(':id')
  async show(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query()
    query: { ok?: string; count?: string; merged?: string; unitId?: string; status?: string; page?: string },
    @Res() res: Response,
  ) {
    const status = statusFilter(query.status);
    const unitId = typeof query.unitId === 'string' && query.unitId ? query.unitId : undefined;
    const { page, limit, offset } = pageWindow(
      typeof query.page === 'string' ? query.page : undefined,
      OFFICER_PAGE_SIZE,
    );
    const report = await this.reports.status(me, id, { unitId, status, limit, offset });
    const pager = buildPager(
      `/trainer/assignments/${encodeURIComponent(id)}`,
      { unitId, status },
      page,
      OFFICER_PAGE_SIZE,
      report.officersTotal,
    );
    await this.renderShow(me, report, res, {
      flash: showFlash(query),
      filter: { unitId: query.unitId, status },
      pager,
    });
  }

  @Roles('trainer', 'admin')
  @Post(':id/extend')
  async extend(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: { dueDate?: unknown },
    @Res() res: Response,
  ) {
    const dueDate = typeof body.dueDate === 'string' ? body.dueDate.trim() : '';
    return this.manage(me, id, res, 'extended', async () => {
      if (!dueDate) throw AssignmentErrors.newDueAtRequired();
      await this.management.extendDue(actor, id, dueDate);
    });
  }

  @Roles('trainer', 'admin')
  @Post(':id/cancel')
  async cancel(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res() res: Response,
  ) {
    return this.manage(me, id, res, 'cancelled', () => this.management.cancel(actor, id));
  }

  @Roles('trainer', 'admin')
  @Post(':id/remind')
  async remind(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res() res: Response,
  ) {
    let recipients = 0;
    return this.manage(
      me,
      id,
      res,
      'reminded',
      async () => {
        recipients = (await this.management.remind(actor, id)).recipients;
      },
      () => `&count=${recipients}`,
    );
  }

  /** PRG: success → the assignment page with a message; a refused change → the page with the reason. */
  private async manage(
    me: Principal,
    id: string,
    res: Response,
    ok: string,
    work: () => Promise<unknown>,
    extra: () => string = () => '',
  ) {
    try {
      await work();
      return res.redirect(303, `/trainer/assignments/${encodeURIComponent(id)}?ok=${ok}${extra()}`);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure || failure.status === 404) throw error;
      const report = await this.reports.status(me, id, {});
      res.status(failure.status);
      return this.renderShow(me, report, res, {
        errorMessage: failure.message,
        fieldErrors: failure.fields,
        filter: {},
      });
    }
  }

  private async renderShow(
    me: Principal,
    report: Awaited<ReturnType<AssignmentReportsService['status']>>,
    res: Response,
    extra: {
      flash?: unknown;
      errorMessage?: string;
      fieldErrors?: Record<string, string>;
      filter: { unitId?: string; status?: AssignmentStatus };
      pager?: ReturnType<typeof buildPager>;
    },
  ) {
    const { filter, pager, ...rest } = extra;
    res.render('trainer/assignment', {
      ...rest,
      title: `学习任务 · ${report.assignment.courseTitle}`,
      ...report,
      targetsLabel: targetsLabel(report.assignment.targets),
      filter,
      pager: pager && pager.pages > 1 ? pager : undefined,
      minDate: bureauDay(new Date(Math.max(Date.now(), report.assignment.dueAt.getTime()) + 24 * 3600_000)),
      statusOptions: ASSIGNMENT_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
      statusLabels: { ...STATUS_LABELS, cancelled: '已取消' },
      canCreate: me.role !== 'manager',
      canManage: me.role !== 'manager' && !report.assignment.cancelledAt,
    });
  }

  private async indexModel(pageParam: string | undefined, values: AssignmentFormBody) {
    const { page, limit, offset } = pageWindow(pageParam, PAGE_SIZE);
    const [list, options] = await Promise.all([this.reports.list(limit, offset), this.form.options()]);
    const picked = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
    const fresh = Object.keys(values).length === 0;
    return {
      title: '学习任务',
      items: list.items.map((item) => ({ ...item, targetsLabel: targetsLabel(item.targets) })),
      pager: buildPager('/trainer/assignments', {}, page, PAGE_SIZE, list.total),
      ...options,
      values: {
        courseId: values.courseId,
        unitIds: picked(values.unitIds),
        includeSubtree: fresh || values.includeSubtree === '1',
        roles: picked(values.roles),
        users: values.users ?? '',
        dueDate: values.dueDate ?? '',
        note: values.note ?? '',
      },
      minDate: bureauDay(new Date()),
      statusLabels: STATUS_LABELS,
    };
  }
}
