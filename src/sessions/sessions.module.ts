import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UnitsModule } from '../units/units.module';
import { AttendanceService } from './attendance.service';
import { CalendarService } from './calendar.service';
import { CheckInThrottleService } from './check-in-throttle.service';
import { CheckInService } from './check-in.service';
import { EnrolmentService } from './enrolment.service';
import {
  CalendarToken,
  SessionEnrolment,
  SessionExcuse,
  SessionTarget,
  SessionVenue,
} from './entities/session-parts.entity';
import { TrainingSession } from './entities/training-session.entity';
import { MySessionsService } from './my-sessions.service';
import { MySessionsPageService } from './pages/my-sessions-page.service';
import { MySessionsPagesController } from './pages/my-sessions-pages.controller';
import { SessionFormService } from './pages/session-form.service';
import { TrainerSessionsPageService } from './pages/trainer-sessions-page.service';
import { TrainerSessionsPagesController } from './pages/trainer-sessions-pages.controller';
import { SessionAccessService } from './session-access.service';
import { SessionAttendanceController } from './session-attendance.controller';
import { SessionCancellationService } from './session-cancellation.service';
import { SessionChecksService } from './session-checks.service';
import { SessionJobsProcessor } from './session-jobs.processor';
import { SESSIONS_QUEUE, SessionJobsService } from './session-jobs.service';
import { SessionQueriesService } from './session-queries.service';
import { SessionReportsService } from './session-reports.service';
import { SessionViewService } from './session-view.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { UnitAttendanceService } from './unit-attendance.service';

/** Training sessions, enrolment, check-in and attendance, calendars and reminders (issue 10). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      TrainingSession,
      SessionTarget,
      SessionVenue,
      SessionEnrolment,
      SessionExcuse,
      CalendarToken,
    ]),
    BullModule.registerQueue({ name: SESSIONS_QUEUE }),
    AuditModule,
    UnitsModule,
    OutboxModule,
    NotificationsModule,
  ],
  controllers: [
    SessionsController,
    SessionAttendanceController,
    TrainerSessionsPagesController,
    MySessionsPagesController,
  ],
  providers: [
    SessionsService,
    SessionCancellationService,
    SessionChecksService,
    SessionQueriesService,
    SessionViewService,
    EnrolmentService,
    AttendanceService,
    CheckInService,
    CheckInThrottleService,
    SessionAccessService,
    SessionJobsService,
    SessionJobsProcessor,
    CalendarService,
    MySessionsService,
    SessionReportsService,
    SessionFormService,
    TrainerSessionsPageService,
    MySessionsPageService,
    UnitAttendanceService,
  ],
  exports: [SessionsService, EnrolmentService, AttendanceService],
})
export class SessionsModule {}
