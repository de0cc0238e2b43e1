import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CompletionsModule } from '../completions/completions.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UnitsModule } from '../units/units.module';
import { PracticeHandout } from './entities/practice-handout.entity';
import { PracticeItem } from './entities/practice-item.entity';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { PracticeController } from './practice.controller';
import { PracticePagesController } from './practice-pages.controller';
import { PracticeService } from './practice.service';
import { QuizOverride } from './entities/quiz-override.entity';
import { Quiz } from './entities/quiz.entity';
import { QuizAnalysisService } from './quiz-analysis.service';
import { AttemptGradingService } from './attempt-grading.service';
import { AttemptStartService } from './attempt-start.service';
import { QuizAttemptsService } from './quiz-attempts.service';
import { QuizDeadlineProcessor } from './quiz-deadline.processor';
import { QUIZ_ATTEMPTS_QUEUE, QuizDeadlineQueue } from './quiz-deadline.queue';
import { QuizPagesController } from './quiz-pages.controller';
import { QuizReviewService } from './quiz-review.service';
import { QuizzesController } from './quizzes.controller';
import { QuizzesService } from './quizzes.service';

/** Course final quizzes and exams: papers, attempts, grading, review, overrides. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Quiz, QuizAttempt, QuizOverride, PracticeItem, PracticeHandout]),
    BullModule.registerQueue({ name: QUIZ_ATTEMPTS_QUEUE }),
    AuditModule,
    CompletionsModule,
    OutboxModule,
    UnitsModule,
  ],
  controllers: [QuizzesController, QuizPagesController, PracticeController, PracticePagesController],
  providers: [
    PracticeService,
    QuizAnalysisService,
    QuizzesService,
    AttemptGradingService,
    AttemptStartService,
    QuizAttemptsService,
    QuizReviewService,
    QuizDeadlineQueue,
    QuizDeadlineProcessor,
  ],
  exports: [QuizAttemptsService, QuizzesService],
})
export class QuizzesModule {}
