import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, FORBIDDEN, UNAUTHENTICATED } from '../common/openapi/api-errors';
import { IsIn } from 'class-validator';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { CapabilityService } from './capability.service';
import { ScoringRunsService } from './scoring-runs.service';
import { CommonErrors } from '../common/errors/common.errors';

export class CreateRunDto {
  @IsIn(['all']) scope: 'all';
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => CommonErrors.userNotFoundOrHidden() });

@ApiTags('scoring')
@ApiBearerAuth()
@Controller('api')
export class ScoringController {
  constructor(
    private readonly capability: CapabilityService,
    private readonly runs: ScoringRunsService,
  ) {}

  @Get('users/:id/capability')
  @ApiOperation({
    summary:
      '能力分：总分、五个维度、计算时间、公式版本和逐项说明（本人、范围内的负责人、培训管理员、管理员）',
  })
  @ApiErrors(UNAUTHENTICATED)
  @ApiResponse({
    status: 200,
    description:
      'model cap-2: {userId, score (null = 未评定), rated, interval, meetsTarget, rule, targetRule{passMark, dimensionFloor, minRatedDimensions}, dimensions[{code, value, interval, answers, correct, rated, reason, reasonText, weakArticles[{article, wrong, answered}]}], participation{attendanceRate, courseRate, hours, hoursWindow{from: null, until: computedAt, label}: hours = all 学时 up to computedAt}, formula, computedAt}',
  })
  @ApiResponse({ status: 404, description: 'USER.NOT_FOUND, CAPABILITY.NOT_APPLICABLE' })
  capabilityOf(@CurrentUser() me: Principal, @Param('id', uuid) id: string) {
    return this.capability.capabilityOf(me, id);
  }

  @Post('scoring/runs')
  @Roles('manager', 'admin')
  @HttpCode(202)
  @ApiOperation({ summary: '发起一次全员能力分重算（队列任务），返回任务编号' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 202, description: '{id}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED' })
  @ApiResponse({ status: 503, description: 'SCORING.QUEUE_UNAVAILABLE' })
  createRun(@CurrentUser() me: Principal, @Body() _dto: CreateRunDto) {
    return this.runs.request(me);
  }

  @Get('scoring/runs/:id')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: '重算任务的状态与进度' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({
    status: 200,
    description: '{id, state, progress, officersScored, officersTotal, startedAt, finishedAt, error}',
  })
  @ApiResponse({ status: 404, description: 'SCORING.RUN_NOT_FOUND' })
  run(@Param('id') id: string) {
    return this.runs.view(id);
  }
}
