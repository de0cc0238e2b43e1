import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AssignmentManagementService } from './assignment-management.service';
import { AssignmentReportsService } from './assignment-reports.service';
import { AssignmentsService } from './assignments.service';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { ExtendDueDto } from './dto/manage-assignment.dto';
import { AssignmentStatusQueryDto, ListAssignmentsDto } from './dto/list-assignments.dto';
import { LearningService } from './learning.service';
import { ApiErrors, FORBIDDEN, INVALID, UNAUTHENTICATED } from '../common/openapi/api-errors';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('api')
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly reports: AssignmentReportsService,
    private readonly learning: LearningService,
    private readonly management: AssignmentManagementService,
  ) {}

  /** 201 `{id, assignedCount, mergedCount}`. */
  @Roles('trainer', 'admin')
  @Post('assignments')
  @ApiOperation({ summary: '布置学习任务（只面向信访干部；与同一课程的已有任务合并，最早的截止日期为准）' })
  @ApiResponse({ status: 201, description: '{id, assignedCount, mergedCount}' })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION.FAILED, ASSIGNMENT.NO_TARGETS, ASSIGNMENT.DUE_IN_PAST, ASSIGNMENT.UNKNOWN_COURSE, ASSIGNMENT.COURSE_RETIRED, ' +
      'ASSIGNMENT.UNKNOWN_UNIT, ASSIGNMENT.UNKNOWN_USER, ASSIGNMENT.ROLE_NOT_LEARNER, ASSIGNMENT.USER_NOT_LEARNER',
  })
  create(@CurrentUser() me: Principal, @Body() dto: CreateAssignmentDto) {
    return this.assignments.create(me, dto);
  }

  /** Trainers and admins: every assignment; a manager: those reaching their unit subtree, counted there. */
  @Roles('trainer', 'admin', 'manager')
  @Get('assignments')
  @ApiOperation({ summary: '学习任务列表（负责人只看到涉及本单位及下级单位的任务，计数也只含这些人）' })
  @ApiResponse({ status: 200, description: '{items, total}' })
  @ApiResponse({ status: 403, description: 'AUTH.FORBIDDEN (officers)' })
  list(@CurrentUser() me: Principal, @Query() query: ListAssignmentsDto) {
    return this.reports.listFor(me, query.limit, query.offset, query.courseId);
  }

  /** Per-unit counts and officer rows; a manager sees their own unit subtree only. */
  @Roles('trainer', 'admin', 'manager')
  @Get('assignments/:id/status')
  @ApiOperation({
    summary: '一个学习任务的完成情况：各单位待完成/已完成/逾期人数和人员明细；负责人只看到本单位及下级',
  })
  @ApiErrors(INVALID, UNAUTHENTICATED, FORBIDDEN, [
    404,
    'ASSIGNMENT.NOT_FOUND：学习任务不存在或不在调用者范围内',
  ])
  status(@CurrentUser() me: Principal, @Param('id') id: string, @Query() query: AssignmentStatusQueryDto) {
    return this.reports.status(me, id, query);
  }

  /** `{items: [{assignmentId, courseId, courseTitle, dueAt (effective), status, lessonsRead, lessonsTotal, …}], total}`. */
  @Get('me/assignments')
  @ApiOperation({ summary: '我的学习任务（按生效截止时间排序，分页）' })
  @ApiResponse({ status: 200, description: '{items, total}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED (limit 1-200, offset ≥ 0)' })
  async mine(@CurrentUser() me: Principal, @Query() page: PageQueryDto) {
    const { items, total } = await this.reports.pageForUser(me.id, page.limit, page.offset);
    return { items, total };
  }

  @Roles('trainer', 'admin')
  @Post('assignments/:id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: '延长学习任务的截止日期' })
  @ApiResponse({ status: 200, description: '{id, dueAt}' })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION.FAILED, ASSIGNMENT.DUE_IN_PAST, ASSIGNMENT.DUE_NOT_LATER',
  })
  @ApiResponse({ status: 404, description: 'ASSIGNMENT.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ASSIGNMENT.CANCELLED' })
  extend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ExtendDueDto) {
    return this.management.extendDue(actor, id, dto.dueAt);
  }

  @Roles('trainer', 'admin')
  @Post('assignments/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消学习任务（保留记录，不再对任何人待完成或逾期）' })
  @ApiResponse({ status: 200, description: '{id, cancelledAt}' })
  @ApiResponse({ status: 404, description: 'ASSIGNMENT.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ASSIGNMENT.CANCELLED' })
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.management.cancel(actor, id);
  }

  @Roles('trainer', 'admin')
  @Post('assignments/:id/remind')
  @HttpCode(202)
  @ApiOperation({ summary: '提醒尚未完成的人员（站内通知，后台队列发送）' })
  @ApiResponse({ status: 202, description: '{id, recipients, queued}' })
  @ApiResponse({ status: 404, description: 'ASSIGNMENT.NOT_FOUND' })
  @ApiResponse({
    status: 409,
    description: 'ASSIGNMENT.CANCELLED, ASSIGNMENT.REMINDED_RECENTLY（10 分钟内已提醒过）',
  })
  @ApiResponse({
    status: 503,
    description: 'ASSIGNMENT.REMINDER_UNAVAILABLE（队列服务不可用；未记为已提醒，可以重试）',
  })
  remind(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.management.remind(actor, id);
  }

  /** `assignments` is one page (`?limit=&offset=`), `assignmentsTotal` counts them all. */
  @Get('users/:id/learning')
  @ApiOperation({ summary: '人员的学习档案：学习任务（分页）、完成的课程、证书、今年学时与历年学时' })
  @ApiResponse({
    status: 200,
    description:
      '{user, assignments, assignmentsTotal, openAssignments, completions, certificates, credits, yearTotals}',
  })
  @ApiResponse({ status: 404, description: 'USER.NOT_FOUND（不存在或不在查看范围内）' })
  learningOf(@CurrentUser() me: Principal, @Param('id') id: string, @Query() page: PageQueryDto) {
    return this.learning.ofUser(me, id, page);
  }
}
