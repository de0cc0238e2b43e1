import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { formFailure, parseForm } from '../common/forms/form-validation';
import { buildPager, pageWindow } from '../common/views/pager';
import { bureauDay } from '../completions/bureau-time';
import { AssignmentFormBody, AssignmentFormService } from './assignment-form.service';
import { AssignmentReportsService } from './assignment-reports.service';
import { ASSIGNMENT_STATUSES, AssignmentStatus, STATUS_LABELS } from './assignment-status';
import { AssignmentsService } from './assignments.service';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { targetsLabel } from './target-label';

const PAGE_SIZE = 20;
const OFFICER_PAGE_SIZE = 50;
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
      res.redirect(303, `/trainer/assignments/${created.id}?ok=created&count=${created.assignedCount}`);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const model = await this.indexModel(undefined, body);
      res.status(failure.status).render('trainer/assignments', { ...model, errorMessage: failure.message, fieldErrors: failure.fields });
    }
  }

  @Roles('trainer', 'admin', 'manager')
  @Get(':id')
  async show(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query() query: { ok?: string; count?: string; unitId?: string; status?: string; page?: string },
    @Res() res: Response,
  ) {
    const status = statusFilter(query.status);
    const unitId = typeof query.unitId === 'string' && query.unitId ? query.unitId : undefined;
    const { page, limit, offset } = pageWindow(typeof query.page === 'string' ? query.page : undefined, OFFICER_PAGE_SIZE);
    const report = await this.reports.status(me, id, { unitId, status, limit, offset });
    const pager = buildPager(`/trainer/assignments/${encodeURIComponent(id)}`, { unitId, status }, page, OFFICER_PAGE_SIZE, report.officersTotal);
    const flash = query.ok === 'created' ? { kind: 'success', message: `学习任务已布置，共 ${Number(query.count) || 0} 人` } : undefined;
    res.render('trainer/assignment', {
      title: `学习任务 · ${report.assignment.courseTitle}`,
      ...report,
      targetsLabel: targetsLabel(report.assignment.targets),
      flash,
      filter: { unitId: query.unitId, status },
      pager: pager.pages > 1 ? pager : undefined,
      statusOptions: ASSIGNMENT_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
      statusLabels: STATUS_LABELS,
      canCreate: me.role !== 'manager',
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
