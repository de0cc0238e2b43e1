import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccountModule } from './account/account.module';
import { AuditModule } from './audit/audit.module';
import { AssignmentsModule } from './assignments/assignments.module';
import { AuthModule } from './auth/auth.module';
import { requestLogOptions } from './common/http/request-log';
import { PageLocalsInterceptor } from './layout/page-locals.interceptor';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { CompletionsModule } from './completions/completions.module';
import { ContentModule } from './content/content.module';
import { CoursesModule } from './courses/courses.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { ExamsModule } from './exams/exams.module';
import { HomeModule } from './home/home.module';
import { NoticesModule } from './notices/notices.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueueModule } from './queue/queue.module';
import { QuizzesModule } from './quizzes/quizzes.module';
import { RegulationModule } from './regulation/regulation.module';
import { SearchModule } from './search/search.module';
import { ReportsModule } from './reports/reports.module';
import { ScoringModule, workerInApp } from './scoring/scoring.module';
import { SessionsModule } from './sessions/sessions.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: requestLogOptions(config.get('LOG_LEVEL'), config.get('NODE_ENV') === 'development'),
      }),
    }),
    DatabaseModule,
    QueueModule,
    AuditModule,
    UnitsModule,
    UsersModule,
    AuthModule,
    HealthModule,
    ExamsModule,
    HomeModule,
    DemoModule,
    ContentModule,
    RegulationModule,
    OutboxModule,
    NotificationsModule,
    CompletionsModule,
    AssignmentsModule,
    CoursesModule,
    SearchModule,
    SessionsModule,
    NoticesModule,
    AccountModule,
    QuizzesModule,
    ScoringModule.register({ worker: workerInApp(), http: true }),
    ReportsModule,
  ],
  providers: [{ provide: APP_INTERCEPTOR, useClass: PageLocalsInterceptor }],
})
export class AppModule {}
