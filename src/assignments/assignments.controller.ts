import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AssignmentReportsService } from './assignment-reports.service';
import { AssignmentsService } from './assignments.service';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { AssignmentStatusQueryDto, ListAssignmentsDto } from './dto/list-assignments.dto';
import { LearningService } from './learning.service';
import { ApiErrors, FORBIDDEN, INVALID, TOO_LARGE, UNAUTHENTICATED } from '../common/openapi/api-errors';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('api')
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly reports: AssignmentReportsService,
    private readonly learning: LearningService,
  ) {}

  /** 201 `{id, assignedCount}`. */
  @Roles('trainer', 'admin')
  @Post('assignments')
  @ApiOperation({ summary: '布置学习任务（课程、截止时间、对象：单位/角色/人员），返回 {id, assignedCount}' })
  @ApiErrors(
    [400, 'VALIDATION.FAILED / ASSIGNMENT.NO_TARGETS / ASSIGNMENT.DUE_IN_PAST / ASSIGNMENT.UNKNOWN_COURSE / ASSIGNMENT.COURSE_RETIRED / ASSIGNMENT.UNKNOWN_UNIT / ASSIGNMENT.UNKNOWN_USER / REQUEST.MALFORMED_BODY：字段不符合要求、没有对象、截止时间已过、课程不存在或已停用、单位或人员不存在'],
    UNAUTHENTICATED,
    FORBIDDEN,
    TOO_LARGE,
  )
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
  @ApiOperation({ summary: '一个学习任务的完成情况：各单位待完成/已完成/逾期人数和人员明细；负责人只看到本单位及下级' })
  @ApiErrors(INVALID, UNAUTHENTICATED, FORBIDDEN, [404, 'ASSIGNMENT.NOT_FOUND：学习任务不存在或不在调用者范围内'])
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

  /** `assignments` is one page (`?limit=&offset=`), `assignmentsTotal` counts them all. */
  @Get('users/:id/learning')
  @ApiOperation({ summary: '某人的学习记录：学习任务（分页）、本年学时、证书' })
  @ApiResponse({ status: 200, description: '{user, assignments, assignmentsTotal, openAssignments, credits, certificates}' })
  @ApiResponse({ status: 404, description: 'USER.NOT_FOUND (out of scope too)' })
  learningOf(@CurrentUser() me: Principal, @Param('id') id: string, @Query() page: PageQueryDto) {
    return this.learning.ofUser(me, id, page);
  }
}
