import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module';
import { CompletionsModule } from '../completions/completions.module';
import { Course } from '../content/entities/course.entity';
import { Lesson } from '../content/entities/lesson.entity';
import { CoursesPagesController } from './courses-pages.controller';
import { CoursesController } from './courses.controller';
import { CoursesService } from './courses.service';

/** The catalog and the lesson reader (content itself is imported by src/content). */
@Module({
  imports: [TypeOrmModule.forFeature([Course, Lesson]), CompletionsModule, AssignmentsModule],
  controllers: [CoursesController, CoursesPagesController],
  providers: [CoursesService],
  exports: [CoursesService],
})
export class CoursesModule {}
