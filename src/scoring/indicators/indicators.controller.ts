import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, FORBIDDEN, UNAUTHENTICATED } from '../../common/openapi/api-errors';
import { CurrentActor, type Actor } from '../../audit/audit-actor';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/errors/app-error';
import { IndicatorQueryDto, SetTargetDto } from './indicators.dto';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @Roles('manager', 'admin')
  @ApiOperation({ summary: '单位（本级或含下级）在统计期间（2026、2026-Q2、2026-05）的质量指标：代码、名称、类别、目标值、实际值、是否达标' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: '[{code, name, category, unit, source, target, actual, met, unitId, period, scope, basis, frozen}]' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  list(@CurrentUser() me: Principal, @Query() q: IndicatorQueryDto) {
    return this.indicators.list(me, q.unitId, q.period, q.scope ?? 'subtree');
  }

  @Put('targets/:code')
  @Roles('admin')
  @ApiOperation({ summary: '设置指标目标值（记入审计日志）' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: '{code, target}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED' })
  @ApiResponse({ status: 404, description: 'INDICATOR.NOT_FOUND' })
  setTarget(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: SetTargetDto) {
    return this.indicators.setTarget(actor, code, dto.target);
  }

  @Post('import')
  @Roles('admin')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'unit,period,code,value\n甲街道,2026-Q1,TIMELY_ACCEPTANCE,98.5\n' } })
  @ApiOperation({ summary: '导入其他系统的局指标（及时受理率、按期办结率、群众满意率），全部成功或全部不导入' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 201, description: '{imported}' })
  @ApiResponse({ status: 400, description: 'INDICATOR.IMPORT_INVALID with errors [{row, field, code, message}]' })
  @ApiResponse({ status: 415, description: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' })
  import(@CurrentActor() actor: Actor, @Body() body: unknown) {
    if (typeof body !== 'string') throw new AppError(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 格式提交 CSV 文件');
    return this.indicators.importCsv(actor, body);
  }

  @Post('periods/:period/close')
  @Roles('admin')
  @ApiOperation({ summary: '统计期间关账：保存所有单位的指标快照，此后不再重算' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 201, description: '{period, closedAt}' })
  @ApiResponse({ status: 400, description: 'INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 409, description: 'INDICATOR.PERIOD_NOT_ENDED, INDICATOR.PERIOD_CLOSED' })
  close(@CurrentActor() actor: Actor, @Param('period') period: string) {
    return this.indicators.close(actor, period);
  }
}
