import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CompletionsModule } from '../completions/completions.module';
import { Course } from '../content/entities/course.entity';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { AssignmentFormService } from './assignment-form.service';
import { AssignmentManagementService, ASSIGNMENTS_QUEUE } from './assignment-management.service';
import { AssignmentRemindersProcessor } from './assignment-reminders.processor';
import { AssignmentReportsService } from './assignment-reports.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { Assignment } from './entities/assignment.entity';
import { AssignmentTarget } from './entities/assignment-target.entity';
import { LearningPagesController } from './learning-pages.controller';
import { LearningService } from './learning.service';
import { TrainerPagesController } from './trainer-pages.controller';

/** Assignments (who must complete which course by when), their status, managing them and 我的学习 (the learning report over them is in reports/learning). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Assignment, AssignmentTarget, Course]),
    BullModule.registerQueue({ name: ASSIGNMENTS_QUEUE }),
    AuditModule,
    UnitsModule,
    UsersModule,
    CompletionsModule,
    NotificationsModule,
    OutboxModule,
  ],
  controllers: [AssignmentsController, LearningPagesController, TrainerPagesController],
  providers: [
    AssignmentsService,
    AssignmentReportsService,
    AssignmentFormService,
    AssignmentManagementService,
    AssignmentRemindersProcessor,
    LearningService,
  ],
  exports: [AssignmentReportsService, AssignmentsService],
})
export class AssignmentsModule {}
