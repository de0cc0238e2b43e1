import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { UnitsModule } from '../units/units.module';
import { CompetencyReportService } from './competency-report.service';
import { DrilldownService } from './drilldown.service';
import { LearningReportPagesController } from './learning/learning-report-pages.controller';
import { LearningReportController } from './learning/learning-report.controller';
import { LearningReportService } from './learning/learning-report.service';
import { MyCapabilityPagesController } from './my-capability-pages.controller';
import { OfficerListService } from './officer-list.service';
import { ReportExportService } from './report-export.service';
import { ReportSnapshotService } from './report-snapshot.service';
import { ReportsController } from './reports.controller';
import { ReportsPagesController } from './reports-pages.controller';
import { ReportsPageService } from './reports-page.service';
import { YearlyReportService } from './yearly-report.service';

/**
 * Manager reports (issue 12, docs/reports.md): the competency dashboard, drill-down, exports, the
 * yearly report, the officer's own capability page and the learning report (learning/: who completed
 * which assigned course, 学时 and overdue, by unit). Reads the scoring tables (CapabilityService
 * and IndicatorsService come from the global ScoringModule); writes only through AssignmentsService.
 */
@Module({
  imports: [UnitsModule, AssignmentsModule],
  // The learning report first: its routes are static paths under reports/ that ReportsController's must not shadow.
  controllers: [
    LearningReportController,
    LearningReportPagesController,
    ReportsController,
    ReportsPagesController,
    MyCapabilityPagesController,
  ],
  providers: [
    LearningReportService,
    CompetencyReportService,
    DrilldownService,
    OfficerListService,
    ReportExportService,
    ReportSnapshotService,
    ReportsPageService,
    YearlyReportService,
  ],
})
export class ReportsModule {}
