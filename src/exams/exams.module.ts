import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { QuizzesModule } from '../quizzes/quizzes.module';
import { ExamsPageService } from './exams-page.service';
import { ExamsPagesController } from './exams-pages.controller';
import { ExamsController } from './exams.controller';
import { MyExamsService } from './my-exams.service';
import { TrainerExamsService } from './trainer-exams.service';

/** 考试中心: where officers find their exams (首页, 我的考试, search) and trainers each exam's analysis. */
@Module({
  imports: [QuizzesModule, AssignmentsModule],
  controllers: [ExamsController, ExamsPagesController],
  providers: [MyExamsService, TrainerExamsService, ExamsPageService],
  exports: [MyExamsService],
})
export class ExamsModule {}
