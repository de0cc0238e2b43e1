import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { attachmentHeader } from '../../common/csv/csv-export';
import { LearningReportQueryDto } from './learning-report.query';
import { learnersCsv } from './learning-report.csv';
import { LearningReportService } from './learning-report.service';

/** Everyone of a subtree fits one CSV: a district has a few thousand officers at most. */
const CSV_MAX_ROWS = 50_000;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
@Roles('manager', 'admin', 'trainer')
export class LearningReportController {
  constructor(private readonly reports: LearningReportService) {}

  @Get('learning')
  @ApiOperation({ summary: '学习情况报表：单位（含下级）合计、下级各单位、直属人员合计' })
  @ApiResponse({ status: 200, description: '{year, unit, totals, direct, units: {items, total}}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED' })
  @ApiResponse({ status: 403, description: 'AUTH.FORBIDDEN（信访干部）' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND（不在负责人的范围内）' })
  report(@CurrentUser() me: Principal, @Query() query: LearningReportQueryDto) {
    return this.reports.report(me, query);
  }

  @Get('learning/learners')
  @ApiOperation({ summary: '学习情况报表：单位直属人员逐人统计（分页）' })
  @ApiResponse({
    status: 200,
    description: '{items: [{userId, name, assigned, pending, completed, overdue, hours}], total}',
  })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  learners(@CurrentUser() me: Principal, @Query() query: LearningReportQueryDto) {
    return this.reports.learners(me, query);
  }

  @Get('learning.csv')
  @ApiOperation({ summary: '学习情况报表导出 CSV：单位（含下级）每位信访干部一行' })
  @ApiResponse({ status: 200, description: 'text/csv (UTF-8 with BOM)' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  async csv(@CurrentUser() me: Principal, @Query() query: LearningReportQueryDto, @Res() res: Response) {
    const result = await this.reports.learners(me, { ...query, limit: CSV_MAX_ROWS, offset: 0 }, true);
    // Set here, not with @Header: Nest applies @Header before the pipes run, so a refused query would
    // go out as JSON labelled text/csv and clients could not read its error code.
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachmentHeader(`学习情况-${result.unit.name}-${result.year}.csv`));
    res.send(learnersCsv(result.items, result.year));
  }
}
