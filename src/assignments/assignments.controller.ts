import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AssignmentReportsService } from './assignment-reports.service';
import { AssignmentsService } from './assignments.service';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
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
  ) {}

  /** 201 `{id, assignedCount}`. */
  @Roles('trainer', 'admin')
  @Post('assignments')
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

  @Get('users/:id/learning')
  learningOf(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.learning.ofUser(me, id);
  }
}
