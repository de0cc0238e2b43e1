import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { CompletionsService } from '../completions/completions.service';
import { CoursesService } from './courses.service';
import { ApiErrors, FORBIDDEN, INVALID, UNAUTHENTICATED } from '../common/openapi/api-errors';

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
  @ApiOperation({ summary: '课程目录（未停用的课程），附调用者的学习进度' })
  @ApiErrors(INVALID, UNAUTHENTICATED)
  catalog(@CurrentUser() me: Principal, @Query() page: PageQueryDto) {
    return this.courses.catalog(me.id, page.limit, page.offset);
  }

  @Get('courses/:id')
  @ApiOperation({ summary: '一门课程及其课时和调用者的已读标记（已停用的课程仍可查看）' })
  @ApiErrors(UNAUTHENTICATED, [404, 'COURSE.NOT_FOUND：课程不存在'])
  course(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.courses.course(me.id, id);
  }

  @Get('lessons/:id')
  @ApiOperation({ summary: '一个课时的正文（HTML）、引用的条款和前后课时' })
  @ApiErrors(UNAUTHENTICATED, [404, 'LESSON.NOT_FOUND：课时不存在或已停用'])
  lesson(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.courses.lesson(me.id, id);
  }

  /** Idempotent: `{lessonId, courseCompleted, newlyCompleted, certificateCode}`. */
  @Roles('officer')
  @Post('lessons/:id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: '标记课时为已读（信访干部，可重复调用）；读完全部课时即完成课程并发证书' })
  @ApiErrors(
    UNAUTHENTICATED,
    FORBIDDEN,
    [404, 'LESSON.NOT_FOUND：课时不存在'],
    [409, 'COURSE.RETIRED：课程已停用，不能再记录学习进度'],
  )
  complete(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.completions.markLessonRead(me, id);
  }
}
