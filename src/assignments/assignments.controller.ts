import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AssignmentReportsService } from './assignment-reports.service';
import { AssignmentsService } from './assignments.service';
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

  @Roles('trainer', 'admin')
  @Get('assignments')
  @ApiOperation({ summary: '学习任务列表（可按 courseId 筛选），附完成情况汇总' })
  @ApiErrors(INVALID, UNAUTHENTICATED, FORBIDDEN)
  list(@Query() query: ListAssignmentsDto) {
    return this.reports.list(query.limit, query.offset, query.courseId);
  }

  /** Per-unit counts and officer rows; a manager sees their own unit subtree only. */
  @Roles('trainer', 'admin', 'manager')
  @Get('assignments/:id/status')
  @ApiOperation({ summary: '一个学习任务的完成情况：各单位待完成/已完成/逾期人数和人员明细；负责人只看到本单位及下级' })
  @ApiErrors(INVALID, UNAUTHENTICATED, FORBIDDEN, [404, 'ASSIGNMENT.NOT_FOUND：学习任务不存在或不在调用者范围内'])
  status(@CurrentUser() me: Principal, @Param('id') id: string, @Query() query: AssignmentStatusQueryDto) {
    return this.reports.status(me, id, query);
  }

  /** `[{assignmentId, courseId, courseTitle, dueAt (effective), status, lessonsRead, lessonsTotal, …}]`. */
  @Get('me/assignments')
  @ApiOperation({ summary: '我的学习任务：课程、截止时间、状态和进度' })
  @ApiErrors(UNAUTHENTICATED)
  mine(@CurrentUser() me: Principal) {
    return this.reports.forUser(me.id);
  }

  @Get('users/:id/learning')
  @ApiOperation({ summary: '一名干部的学习记录：学习任务和进度（本人、范围内的负责人、培训管理员、管理员）' })
  @ApiErrors(UNAUTHENTICATED, [404, 'USER.NOT_FOUND：用户不存在或不在调用者范围内'])
  learningOf(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.learning.ofUser(me, id);
  }
}
