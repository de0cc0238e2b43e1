import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../audit/audit-actor';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { publicUrl } from '../common/http/public-url';
import { ApiErrors, UNAUTHENTICATED } from '../common/openapi/api-errors';
import { AppConfig } from '../config/app-config';
import { AttendanceService } from './attendance.service';
import { checkInCode, SLOT_MS, slotOf } from './check-in-code';
import { CheckInService } from './check-in.service';
import { AttendanceDto, CheckInDto } from './dto/session.dto';
import { SessionAccessService } from './session-access.service';
import { SessionQueriesService } from './session-queries.service';
import { SessionReportsService } from './session-reports.service';

/** A session's check-in code, check-in and check-out, marking, the roster and its report (split from SessionsController). */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api')
export class SessionAttendanceController {
  constructor(
    private readonly queries: SessionQueriesService,
    private readonly attendance: AttendanceService,
    private readonly checkIns: CheckInService,
    private readonly access: SessionAccessService,
    private readonly reports: SessionReportsService,
    private readonly config: AppConfig,
  ) {}

  @Get('sessions/:id/check-in-code')
  @ApiOperation({ summary: '当前签到码（每 30 秒更换），培训管理员或分会场负责人' })
  @ApiResponse({ status: 200, description: '{code, expiresAt, url, rotatesEverySeconds}' })
  @ApiResponse({ status: 403, description: 'SESSION.NOT_COORDINATOR' })
  async checkInCode(@CurrentUser() me: Principal, @Param('id') id: string) {
    const session = await this.queries.visible(me, id);
    await this.access.markingVenues(me, session);
    const secret = await this.queries.codeSecret(id);
    const now = new Date();
    const slot = slotOf(now);
    const code = checkInCode(secret, id, slot);
    return {
      code,
      expiresAt: new Date((slot + 1) * SLOT_MS).toISOString(),
      rotatesEverySeconds: SLOT_MS / 1000,
      url: publicUrl(this.config, `/my/sessions/${id}/check-in?code=${code}`),
      status: session.status,
    };
  }

  @Post('sessions/:id/check-in')
  @HttpCode(200)
  @ApiOperation({ summary: '扫码 / 输入签到码签到' })
  @ApiResponse({ status: 200, description: '{status: present | late, checkedInAt}' })
  @ApiResponse({ status: 400, description: 'CHECKIN.WRONG_CODE, CHECKIN.CODE_EXPIRED, VALIDATION.FAILED' })
  @ApiResponse({ status: 403, description: 'CHECKIN.NOT_ENROLLED (waiting list)' })
  @ApiResponse({ status: 404, description: 'SESSION.NOT_FOUND (not on the roster)' })
  @ApiResponse({
    status: 409,
    description:
      'CHECKIN.NOT_OPEN, CHECKIN.CLOSED, CHECKIN.CODE_REUSED, CHECKIN.ALREADY_CHECKED_IN, CHECKIN.EXCUSED, CHECKIN.SESSION_CANCELLED',
  })
  @ApiResponse({
    status: 429,
    description: 'CHECKIN.TOO_MANY_ATTEMPTS (too many wrong codes; retryAfterSeconds, Retry-After)',
  })
  async checkIn(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CheckInDto,
  ) {
    await this.queries.visible(me, id);
    return this.checkIns.checkIn(actor, id, dto.code);
  }

  @Post('sessions/:id/check-out')
  @HttpCode(200)
  @ApiOperation({ summary: '签退（收听收看），记录在场分钟数' })
  @ApiResponse({ status: 200, description: '{status, presenceMinutes}' })
  @ApiResponse({
    status: 409,
    description:
      'CHECKOUT.NOT_BROADCAST, CHECKOUT.NOT_CHECKED_IN, CHECKOUT.ALREADY_CHECKED_OUT, CHECKOUT.CLOSED',
  })
  async checkOut(@CurrentUser() me: Principal, @Param('id') id: string) {
    await this.queries.visible(me, id);
    return this.checkIns.checkOut(me, id);
  }

  @Put('sessions/:id/attendance')
  @ApiOperation({ summary: '批量考勤（培训管理员，或分会场负责人只限本分会场）；每项变更写审计日志' })
  @ApiResponse({ status: 200, description: '{changed}' })
  @ApiResponse({
    status: 400,
    description: 'ATTENDANCE.NOT_ENROLLED, ATTENDANCE.DUPLICATE_USER, VALIDATION.FAILED',
  })
  @ApiResponse({
    status: 403,
    description:
      'SESSION.NOT_COORDINATOR, ATTENDANCE.OUTSIDE_VENUE, ATTENDANCE.SELF_MARK（不能为自己记录考勤）',
  })
  @ApiResponse({ status: 409, description: 'ATTENDANCE.SESSION_CANCELLED' })
  async mark(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: AttendanceDto) {
    const session = await this.queries.visible(me, id);
    const venues = await this.access.markingVenues(me, session);
    return this.attendance.mark(me, session, dto.records, dto.reason, venues);
  }

  @Get('sessions/:id/attendance')
  @ApiOperation({ summary: '名单与考勤（含候补）' })
  @ApiResponse({
    status: 200,
    description:
      '{items: [{userId, name, unitName, venueName, state, status, checkedInAt, checkedOutAt, presenceMinutes, remark}]}',
  })
  @ApiResponse({ status: 403, description: 'SESSION.NOT_COORDINATOR' })
  async roster(@CurrentUser() me: Principal, @Param('id') id: string) {
    const session = await this.queries.visible(me, id);
    return { items: await this.access.roster(me, session) };
  }

  @Get('sessions/:id/report')
  @ApiOperation({ summary: '考勤统计（按单位）' })
  @ApiResponse({
    status: 200,
    description:
      '{units: [{unitId, unitName, enrolled, present, late, left_early, absent, excused, unmarked}]}',
  })
  @ApiErrors(
    UNAUTHENTICATED,
    [403, 'SESSION.NOT_COORDINATOR：干部只能看自己的培训，不能看统计'],
    [404, 'SESSION.NOT_FOUND：培训不存在或无权查看'],
  )
  async report(@CurrentUser() me: Principal, @Param('id') id: string) {
    const session = await this.queries.visible(me, id);
    return { units: this.reports.byUnit(await this.access.roster(me, session)) };
  }
}
