import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module';
import { CompletionsModule } from '../completions/completions.module';
import { CoursesModule } from '../courses/courses.module';
import { ExamsModule } from '../exams/exams.module';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';
import { OfficerHomeService } from './officer-home.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Unit, User]),
    AssignmentsModule,
    CompletionsModule,
    CoursesModule,
    ExamsModule,
  ],
  controllers: [HomeController],
  providers: [HomeService, OfficerHomeService],
})
export class HomeModule {}
