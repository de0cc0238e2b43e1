import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { CompletionsService } from '../completions/completions.service';
import { CoursesService } from './courses.service';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('api')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly completions: CompletionsService,
  ) {}

  /** `{items: [{id, title, summary, creditHours, …, progress: {lessonsRead, lessonsTotal, completed, validUntil}}], total}`. */
  @Get('courses')
  catalog(@CurrentUser() me: Principal, @Query() page: PageQueryDto) {
    return this.courses.catalog(me.id, page.limit, page.offset);
  }

  @Get('courses/:id')
  course(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.courses.course(me.id, id);
  }

  @Get('lessons/:id')
  lesson(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.courses.lesson(me.id, id);
  }

  /** Idempotent: `{lessonId, courseCompleted, newlyCompleted, certificateCode}`. */
  @Roles('officer')
  @Post('lessons/:id/complete')
  @HttpCode(200)
  complete(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.completions.markLessonRead(me, id);
  }
}
