import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Course } from '../content/entities/course.entity';
import { Lesson } from '../content/entities/lesson.entity';
import { OutboxModule } from '../outbox/outbox.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { CertificatesPagesController } from './certificates-pages.controller';
import { CertificatesService } from './certificates.service';
import { CompletionsController } from './completions.controller';
import { CompletionsService } from './completions.service';
import { CreditsService } from './credits.service';
import { Certificate } from './entities/certificate.entity';
import { CourseCompletion } from './entities/course-completion.entity';
import { CreditEntry } from './entities/credit-entry.entity';
import { LessonProgress } from './entities/lesson-progress.entity';

/** Lesson progress, the completion rule, the 学时 ledger and certificates. */
@Module({
  imports: [
    TypeOrmModule.forFeature([LessonProgress, CourseCompletion, CreditEntry, Certificate, Course, Lesson]),
    OutboxModule,
    UnitsModule,
    UsersModule,
  ],
  controllers: [CompletionsController, CertificatesPagesController],
  providers: [CompletionsService, CreditsService, CertificatesService],
  exports: [CompletionsService, CreditsService, CertificatesService],
})
export class CompletionsModule {}
