import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { UnitsModule } from '../units/units.module';
import { CompetencyReportService } from './competency-report.service';
import { DrilldownService } from './drilldown.service';
import { OfficerListService } from './officer-list.service';
import { ReportExportService } from './report-export.service';
import { ReportSnapshotService } from './report-snapshot.service';
import { ReportsController } from './reports.controller';
import { ReportsPagesController } from './reports-pages.controller';
import { ReportsPageService } from './reports-page.service';
import { YearlyReportService } from './yearly-report.service';

/**
 * Manager reports (issue 12, docs/reports.md): the competency dashboard, drill-down, exports, the
 * yearly report and the officer's own capability page. Reads the scoring tables (CapabilityService
 * and IndicatorsService come from the global ScoringModule); writes only through AssignmentsService.
 */
@Module({
  imports: [UnitsModule, AssignmentsModule],
  controllers: [ReportsController, ReportsPagesController],
  providers: [CompetencyReportService, DrilldownService, OfficerListService, ReportExportService, ReportSnapshotService, ReportsPageService, YearlyReportService],
})
export class ReportsModule {}
