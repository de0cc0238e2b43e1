import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { Response } from 'express';
import { CurrentUser, Public, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { parseBureauInstant } from '../common/time/bureau-time';
import { CalendarService } from './calendar.service';
import {
  CalendarFeedQuery,
  CreateSessionDto,
  DecideExcuseDto,
  ExcuseDto,
  ListSessionsDto,
  UpdateSessionDto,
} from './dto/session.dto';
import { EnrolmentService } from './enrolment.service';
import { MySessionsService } from './my-sessions.service';
import { ApiErrors, FORBIDDEN, INVALID, UNAUTHENTICATED } from '../common/openapi/api-errors';
import { SessionQueriesService } from './session-queries.service';
import { SessionReportsService } from './session-reports.service';
import { SessionViewService } from './session-view.service';
import { SessionsService } from './sessions.service';
import { UnitAttendanceService } from './unit-attendance.service';
import { SessionErrors } from './sessions.errors';

class UnitReportQuery {
  @IsOptional() @IsString() @MaxLength(36) unitId?: string;
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

class CancelSessionDto {
  /** Required (SESSION.CANCEL_REASON_REQUIRED from the service, so the code is stable). */
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly queries: SessionQueriesService,
    private readonly views: SessionViewService,
    private readonly enrolment: EnrolmentService,
    private readonly calendar: CalendarService,
    private readonly mine: MySessionsService,
    private readonly reports: SessionReportsService,
    private readonly unitAttendance: UnitAttendanceService,
  ) {}

  @Roles('trainer', 'admin')
  @Post('sessions')
  @ApiOperation({ summary: '创建培训（目标单位的干部随即报名，超出名额进入候补）' })
  @ApiResponse({ status: 201, description: '{id, enrolled, waitlisted}' })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION.FAILED, SESSION.START_IN_PAST (unless backfill: 补录), SESSION.BACKFILL_NOT_PAST, SESSION.END_BEFORE_START, SESSION.UNKNOWN_UNIT, SESSION.UNKNOWN_COURSE, SESSION.UNKNOWN_COORDINATOR',
  })
  create(@CurrentUser() me: Principal, @Body() dto: CreateSessionDto) {
    return this.sessions.create(me, dto);
  }

  @Get('sessions')
  @ApiOperation({ summary: '培训列表（与 from/to 区间重叠的，按开始时间）' })
  @ApiResponse({ status: 200, description: '{items, total}' })
  @ApiErrors(INVALID, UNAUTHENTICATED)
  list(@CurrentUser() me: Principal, @Query() q: ListSessionsDto) {
    const from = q.from ? parseBureauInstant(q.from) : null;
    const to = q.to ? parseBureauInstant(q.to) : null;
    return this.queries.list(me, from, to, q.limit, q.offset);
  }

  @Roles('trainer', 'admin', 'manager')
  @Get('sessions/attendance-report')
  @ApiOperation({ summary: '单位（含下级）在一段时间内已结束培训的考勤与学时，按人员' })
  @ApiResponse({ status: 200, description: '{unit, from, to, officers: [...], totals}' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND (out of the manager’s scope)' })
  unitReport(@CurrentUser() me: Principal, @Query() q: UnitReportQuery) {
    return this.unitAttendance.report(
      me,
      q.unitId,
      q.from ? parseBureauInstant(q.from) : null,
      q.to ? parseBureauInstant(q.to) : null,
    );
  }

  @Get('sessions/:id')
  @ApiOperation({ summary: '一次培训' })
  @ApiResponse({ status: 404, description: 'SESSION.NOT_FOUND' })
  async show(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.views.view(await this.queries.visible(me, id));
  }

  @Roles('trainer', 'admin')
  @Patch('sessions/:id')
  @ApiOperation({ summary: '修改培训（SEQUENCE 加一；改时间会移动提醒）' })
  @ApiResponse({ status: 409, description: 'SESSION.NOT_EDITABLE' })
  @ApiResponse({ status: 404, description: 'SESSION.NOT_FOUND' })
  update(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: UpdateSessionDto) {
    return this.sessions.update(me, id, dto);
  }

  @Roles('trainer', 'admin')
  @Post('sessions/:id/cancel')
  @HttpCode(204)
  @ApiOperation({
    summary:
      '取消培训，须写明原因（也可取消已结束的误建培训：撤销其考勤与学时并重新评分；移除提醒，通知已报名人员）',
  })
  @ApiResponse({ status: 400, description: 'SESSION.CANCEL_REASON_REQUIRED' })
  @ApiResponse({ status: 409, description: 'SESSION.ALREADY_CANCELLED' })
  async cancel(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() dto: CancelSessionDto,
  ): Promise<void> {
    await this.sessions.cancel(me, id, dto.reason);
  }

  @Roles('trainer', 'admin')
  @Post('sessions/:id/enrolments/:userId/cancel')
  @HttpCode(204)
  @ApiOperation({ summary: '取消某人的报名（名额给候补第一位）' })
  @ApiResponse({ status: 404, description: 'ENROLMENT.NOT_FOUND' })
  async cancelEnrolment(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.enrolment.cancelEnrolment(me, await this.queries.visible(me, id), userId);
  }

  @Post('sessions/:id/excuses')
  @ApiOperation({ summary: '请假（开始前，写明事由）' })
  @ApiResponse({ status: 201, description: '{id, state: pending}' })
  @ApiResponse({ status: 403, description: 'EXCUSE.NOT_ENROLLED' })
  @ApiResponse({
    status: 409,
    description: 'EXCUSE.TOO_LATE, EXCUSE.ALREADY_PENDING, EXCUSE.ALREADY_APPROVED, EXCUSE.SESSION_NOT_OPEN',
  })
  async requestExcuse(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: ExcuseDto) {
    const excuse = await this.enrolment.requestExcuse(me, await this.queries.visible(me, id), dto.reason);
    return { id: excuse.id, state: excuse.state };
  }

  @Roles('trainer', 'admin')
  @Get('sessions/:id/excuses')
  @ApiOperation({ summary: '请假申请列表' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN, [404, 'SESSION.NOT_FOUND：培训不存在'])
  async excuses(@CurrentUser() me: Principal, @Param('id') id: string) {
    await this.queries.visible(me, id);
    return { items: await this.reports.excuses(id) };
  }

  @Roles('trainer', 'admin')
  @Post('sessions/:id/excuses/:excuseId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '审批请假（批准 = 记为请假，并递补候补人员）' })
  @ApiResponse({ status: 404, description: 'EXCUSE.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'EXCUSE.ALREADY_DECIDED' })
  async decide(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('excuseId') excuseId: string,
    @Body() dto: DecideExcuseDto,
  ) {
    const excuse = await this.enrolment.decideExcuse(
      me,
      await this.queries.visible(me, id),
      excuseId,
      dto.approve,
      dto.note,
    );
    return { id: excuse.id, state: excuse.state };
  }

  @Get('sessions/:id/ics')
  @ApiOperation({ summary: '一次培训的 iCalendar 文件' })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 404, description: 'SESSION.NOT_FOUND' })
  async ics(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const session = await this.queries.visible(me, id);
    sendCalendar(res, this.calendar.sessionIcs(session), `session-${id}.ics`);
  }

  @Get('me/sessions')
  @ApiOperation({ summary: '我的培训：即将开始与历史（含学时）' })
  @ApiErrors(UNAUTHENTICATED)
  mySessions(@CurrentUser() me: Principal) {
    return this.mine.list(me.id);
  }

  @Public()
  @Get('me/calendar.ics')
  @ApiOperation({ summary: '个人培训日历订阅（秘密 token，无需登录）' })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 404, description: 'CALENDAR.TOKEN_NOT_FOUND' })
  async feed(@Query() q: CalendarFeedQuery, @Res() res: Response) {
    sendCalendar(res, await this.calendar.feed(q.token), 'my-sessions.ics');
  }

  @Post('me/calendar-token')
  @ApiOperation({ summary: '生成或更换日历订阅地址（旧地址立即失效）' })
  @ApiResponse({ status: 201, description: '{token, url}' })
  @ApiErrors(UNAUTHENTICATED)
  rotateToken(@CurrentUser() me: Principal) {
    return this.calendar.rotateToken(me.id);
  }

  @Delete('me/calendar-token')
  @HttpCode(204)
  @ApiOperation({ summary: '停用日历订阅地址' })
  @ApiErrors(UNAUTHENTICATED)
  async revokeToken(@CurrentUser() me: Principal): Promise<void> {
    await this.calendar.revokeToken(me.id);
  }
}

function sendCalendar(res: Response, body: string, filename: string): void {
  if (!body.startsWith('BEGIN:VCALENDAR')) throw SessionErrors.calendarFailed();
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(body);
}
