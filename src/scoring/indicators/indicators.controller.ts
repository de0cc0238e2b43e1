import { Body, Controller, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, FORBIDDEN, UNAUTHENTICATED } from '../../common/openapi/api-errors';
import { CurrentActor, type Actor } from '../../audit/audit-actor';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { IndicatorQueryDto, ReopenPeriodDto, SetIndicatorNoteDto, SetTargetDto } from './indicators.dto';
import { IndicatorPeriodsService } from './indicator-periods.service';
import { IndicatorTargetsService } from './indicator-targets.service';
import { IndicatorNotesService } from './indicator-notes.service';
import { IndicatorsService } from './indicators.service';
import { decodeCsvBytes } from './csv-text';
import { IndicatorImportService } from './indicator-import.service';
import { CommonErrors } from '../../common/errors/common.errors';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/indicators')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly importer: IndicatorImportService,
    private readonly notes: IndicatorNotesService,
    private readonly periods: IndicatorPeriodsService,
    private readonly targets: IndicatorTargetsService,
  ) {}

  @Get()
  @Roles('manager', 'admin')
  @ApiOperation({
    summary:
      '单位（本级或含下级）在统计期间（2026、2026-Q2、2026-05）的质量指标：代码、名称、类别、目标值、实际值、是否达标',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({
    status: 200,
    description:
      '[{code, name, category, level1, level2, unit, source, target, actual, met, points, score, unitId, period, scope, basis, frozen, deviationReason, improvement}]',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  list(@CurrentUser() me: Principal, @Query() q: IndicatorQueryDto) {
    return this.indicators.list(me, q.unitId, q.period, q.scope ?? 'subtree');
  }

  @Put('targets/:code')
  @Roles('admin')
  @ApiOperation({
    summary:
      '设置指标目标值（记入审计日志）：不写 year 和 unitId 为全局默认；写 year（2026）和/或 unitId 只对该年度/该单位生效（更具体的优先）',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: '{code, target, year, unitId}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED' })
  @ApiResponse({ status: 404, description: 'INDICATOR.NOT_FOUND, INDICATOR.TARGET_UNIT_NOT_FOUND' })
  setTarget(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: SetTargetDto) {
    return this.targets.set(actor, code, dto.target, { year: dto.year, unitId: dto.unitId });
  }

  @Put('notes/:code')
  @Roles('manager', 'admin')
  @ApiOperation({
    summary: '填写某单位某期间某指标的偏差原因和改进措施（管理员，或该单位所在范围的管理人员；记入审计日志）',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: '{code, unitId, period, deviationReason, improvement}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 404, description: 'INDICATOR.NOT_FOUND, UNIT.NOT_FOUND' })
  setNote(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() dto: SetIndicatorNoteDto,
  ) {
    return this.notes.set(me, actor, code, dto);
  }

  @Post('import')
  @Roles('admin')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        '单位,期间,指标,分子,分母,值\n甲街道,2026-Q1,及时受理率,197,200,\n乙街道,2026-Q1,SATISFACTION,,,96\n',
    },
  })
  @ApiOperation({
    summary:
      '导入其他系统的局指标（及时受理率、按期办结率、群众满意率），全部成功或全部不导入。UTF-8（可带 BOM）或 GBK；表头可用中文（单位/期间/指标/分子/分母/值）或代码（unit/unitId/period/code/numerator/denominator/value）；' +
      '值为百分比（92 而不是 0.92）；给出分子/分母的行可汇总到上级单位。?preview=true 只检查不导入',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 201, description: '{imported}；preview=true 时 {rows, problems}' })
  @ApiResponse({
    status: 400,
    description: 'INDICATOR.IMPORT_INVALID with errors [{row, field, code, message}]',
  })
  @ApiResponse({ status: 415, description: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' })
  import(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Req() req: { rawBody?: Buffer; headers: Record<string, unknown> },
    @Query('preview') preview?: string,
  ) {
    if (typeof body !== 'string') throw CommonErrors.requestUnsupportedMediaType();
    // A declared charset was decoded by the body parser; otherwise detect UTF-8 or GBK from the bytes.
    const declared = /charset=/i.test(String(req.headers['content-type'] ?? ''));
    const csv = !declared && req.rawBody ? decodeCsvBytes(req.rawBody).text : body;
    return preview === 'true' ? this.importer.preview(csv) : this.importer.importCsv(actor, csv);
  }

  @Post('periods/:period/close')
  @Roles('admin')
  @ApiOperation({
    summary: '统计期间关账：保存所有单位期末的指标值（含分子、分母），此后不再重算，除非重新打开',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 201, description: '{period, closedAt}' })
  @ApiResponse({ status: 400, description: 'INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 409, description: 'INDICATOR.PERIOD_NOT_ENDED, INDICATOR.PERIOD_CLOSED' })
  close(@CurrentActor() actor: Actor, @Param('period') period: string) {
    return this.periods.close(actor, period);
  }

  @Post('periods/:period/reopen')
  @Roles('admin')
  @ApiOperation({ summary: '重新打开已关账的统计期间（必须填写原因，记入审计日志）：指标按期末数据重算' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 201, description: '{period, reopenedAt, reason}' })
  @ApiResponse({
    status: 400,
    description: 'INDICATOR.PERIOD_INVALID, INDICATOR.REOPEN_REASON_REQUIRED, VALIDATION.FAILED',
  })
  @ApiResponse({ status: 409, description: 'INDICATOR.PERIOD_NOT_CLOSED' })
  reopen(@CurrentActor() actor: Actor, @Param('period') period: string, @Body() dto: ReopenPeriodDto) {
    return this.periods.reopen(actor, period, dto.reason);
  }
}
