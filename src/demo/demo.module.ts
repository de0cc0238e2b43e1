import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { AuthModule } from '../auth/auth.module';
import { CompletionsModule } from '../completions/completions.module';
import { ContentModule } from '../content/content.module';
import { QuizzesModule } from '../quizzes/quizzes.module';
import { UsersModule } from '../users/users.module';
import { DemoActivityService } from './demo-activity.service';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [UsersModule, AuthModule, ContentModule, AssignmentsModule, CompletionsModule, QuizzesModule],
  providers: [DemoSeedService, DemoActivityService],
  exports: [DemoSeedService],
})
export class DemoModule {}
