import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CompletionsModule } from '../completions/completions.module';
import { ContentModule } from '../content/content.module';
import { QuizzesModule } from '../quizzes/quizzes.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { DemoActivityService } from './demo-activity.service';
import { DemoSeedService } from './demo-seed.service';
import { DemoSessionsService } from './demo-sessions.service';

@Module({
  imports: [
    UsersModule,
    AuthModule,
    ContentModule,
    AssignmentsModule,
    CompletionsModule,
    AuditModule,
    QuizzesModule,
    SessionsModule,
  ],
  providers: [DemoSeedService, DemoActivityService, DemoSessionsService],
  exports: [DemoSeedService],
})
export class DemoModule {}
