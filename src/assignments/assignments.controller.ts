import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AssignmentManagementService } from './assignment-management.service';
import { AssignmentReportsService } from './assignment-reports.service';
import { AssignmentsService } from './assignments.service';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { ExtendDueDto } from './dto/manage-assignment.dto';
import { AssignmentStatusQueryDto, ListAssignmentsDto } from './dto/list-assignments.dto';
import { LearningService } from './learning.service';

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

  @Roles('trainer', 'admin')
  @Get('assignments')
  list(@Query() query: ListAssignmentsDto) {
    return this.reports.list(query.limit, query.offset, query.courseId);
  }

  /** Per-unit counts and officer rows; a manager sees their own unit subtree only. */
  @Roles('trainer', 'admin', 'manager')
  @Get('assignments/:id/status')
  status(@CurrentUser() me: Principal, @Param('id') id: string, @Query() query: AssignmentStatusQueryDto) {
    return this.reports.status(me, id, query);
  }

  /** `[{assignmentId, courseId, courseTitle, dueAt (effective), status, lessonsRead, lessonsTotal, …}]`. */
  @Get('me/assignments')
  mine(@CurrentUser() me: Principal) {
    return this.reports.forUser(me.id);
  }

  @Roles('trainer', 'admin')
  @Post('assignments/:id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: '延长学习任务的截止日期' })
  @ApiResponse({ status: 200, description: '{id, dueAt}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, ASSIGNMENT.DUE_IN_PAST, ASSIGNMENT.DUE_NOT_LATER' })
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
  @ApiResponse({ status: 409, description: 'ASSIGNMENT.CANCELLED, ASSIGNMENT.REMINDED_RECENTLY（10 分钟内已提醒过）' })
  @ApiResponse({ status: 503, description: 'ASSIGNMENT.REMINDER_UNAVAILABLE' })
  remind(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.management.remind(actor, id);
  }

  @Get('users/:id/learning')
  @ApiOperation({ summary: '人员的学习档案：学习任务、完成的课程、证书、今年学时与历年学时' })
  @ApiResponse({ status: 200, description: '{user, assignments, completions, certificates, credits, yearTotals}' })
  @ApiResponse({ status: 404, description: 'USER.NOT_FOUND（不存在或不在查看范围内）' })
  learningOf(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.learning.ofUser(me, id);
  }
}
