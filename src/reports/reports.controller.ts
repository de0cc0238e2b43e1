import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, FORBIDDEN, UNAUTHENTICATED } from '../common/openapi/api-errors';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { CompetencyQueryDto, AssignWeakDto, ExportQueryDto, ScopeQueryDto } from './reports.dto';
import { CompetencyReportService } from './competency-report.service';
import { DrilldownService } from './drilldown.service';
import { OfficerListService } from './officer-list.service';
import { ReportExportService } from './report-export.service';
import { YearlyReportService } from './yearly-report.service';
import { CommonErrors } from '../common/errors/common.errors';
import { ReportErrors } from './reports.errors';

const userId = new ParseUUIDPipe({ exceptionFactory: () => CommonErrors.userNotFoundOrHidden() });
const articleNo = new ParseIntPipe({ exceptionFactory: () => ReportErrors.articleNotFound() });

/** Competency reports for a unit subtree (managers: their own; admins: any unit). docs/reports.md */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly report: CompetencyReportService,
    private readonly drill: DrilldownService,
    private readonly exports: ReportExportService,
    private readonly yearly: YearlyReportService,
    private readonly officerList: OfficerListService,
  ) {}

  @Get('competency')
  @Roles('manager', 'admin')
  @ApiOperation({
    summary:
      '能力看板：概览数字、质量指标、五个维度、月度趋势、下级单位排名、条款热力图和一页干部名单（可分页、排序、筛选）',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({
    status: 200,
    description:
      '{unit, period, tiles, indicators, dimensions, trend, ranking, heatMap, officers: {items, total, page, size}}',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  competency(@CurrentUser() me: Principal, @Query() q: CompetencyQueryDto) {
    return this.report.dashboard(me, q.unitId, q.period, q);
  }

  @Get('competency/officers')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: '干部名单（分页、排序、按单位/达标状态/分数段/逾期筛选）' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: '{items, total, page, size}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  async officers(@CurrentUser() me: Principal, @Query() q: CompetencyQueryDto) {
    return this.officerList.officers(await this.report.context(me, q.unitId, q.period), q);
  }

  @Get('competency.csv')
  @Roles('manager', 'admin')
  @ApiOperation({
    summary: '导出一张表为 CSV（UTF-8 带 BOM；table=officers|indicators|dimensions|trend|ranking|heatmap）',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: 'text/csv' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  async csv(@CurrentUser() me: Principal, @Query() q: ExportQueryDto, @Res() res: Response) {
    await this.exports.csv(me, q, res);
  }

  @Get('competency.xlsx')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: '导出全部表为 XLSX（每张表一个工作表，流式写出）' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({
    status: 200,
    description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, INDICATOR.PERIOD_INVALID' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  async xlsx(@CurrentUser() me: Principal, @Query() q: ExportQueryDto, @Res() res: Response) {
    await this.exports.xlsx(me, q, res);
  }

  @Get('officers/:id')
  @ApiOperation({
    summary:
      '干部明细：能力分及其构成、考试、考勤、学时、学习任务、最薄弱的条款（本人、范围内的负责人、管理员）',
  })
  @ApiErrors(UNAUTHENTICATED)
  @ApiResponse({
    status: 200,
    description:
      '{user, capability (current), periodEnd (an ended period: score, meetsTarget, dimensions as of its end; null while it runs), dimensions, attempts, attendance, hours, assignments, weakestArticles}',
  })
  @ApiResponse({ status: 404, description: 'USER.NOT_FOUND, CAPABILITY.NOT_APPLICABLE' })
  officer(@CurrentUser() me: Principal, @Param('id', userId) id: string, @Query('period') period?: string) {
    return this.drill.officer(me, id, period ?? String(new Date().getFullYear()));
  }

  @Get('dimensions/:dimension')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: '维度明细：该维度各条款的正确率（单位或某名干部）及可布置的课节' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: '{unit, period, user, dimension, articles, lessons}' })
  @ApiResponse({ status: 404, description: 'REPORT.DIMENSION_NOT_FOUND, UNIT.NOT_FOUND, USER.NOT_FOUND' })
  dimension(@CurrentUser() me: Principal, @Param('dimension') dimension: string, @Query() q: ScopeQueryDto) {
    return this.drill.dimension(me, q.unitId, q.period, dimension, q.userId);
  }

  @Get('articles/:no')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: '条款明细：引用该条的题目（只有题干，不含答案）、各单位正确率、讲授该条的课节' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: '{unit, period, user, article, questions, units, lessons}' })
  @ApiResponse({ status: 404, description: 'REPORT.ARTICLE_NOT_FOUND, UNIT.NOT_FOUND, USER.NOT_FOUND' })
  article(@CurrentUser() me: Principal, @Param('no', articleNo) no: number, @Query() q: ScopeQueryDto) {
    return this.drill.article(me, q.unitId, q.period, no, q.userId);
  }

  @Post('assignments')
  @Roles('manager', 'trainer', 'admin')
  @ApiOperation({
    summary: '按报告布置：把讲授薄弱条款或维度的课程布置给低于阈值的干部或下级单位（负责人限本单位及下级）',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 201, description: '{id, assignedCount, officers, units}' })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION.FAILED, REPORT.WEAK_SPOT_REQUIRED, REPORT.COURSE_NOT_SUGGESTED, REPORT.NOBODY_BELOW_THRESHOLD, REPORT.TOO_MANY_OFFICERS, ASSIGNMENT.DUE_IN_PAST',
  })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  assign(@CurrentUser() me: Principal, @Body() dto: AssignWeakDto) {
    return this.drill.assignWeak(me, dto);
  }

  @Get('yearly')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: '年度培训绩效评价（数据部分）：概况数字、指标表、存在问题、建议' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({
    status: 200,
    description: '{unit, year, figures, indicators, summary, problems, suggestions}',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, REPORT.YEAR_INVALID' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  yearlyReport(@CurrentUser() me: Principal, @Query() q: ScopeQueryDto) {
    return this.yearly.build(me, q.unitId, q.period);
  }
}
