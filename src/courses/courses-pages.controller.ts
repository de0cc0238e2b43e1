import { Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AssignmentReportsService } from '../assignments/assignment-reports.service';
import { STATUS_LABELS } from '../assignments/assignment-status';
import { CompletionsService } from '../completions/completions.service';
import { DIMENSION_LABELS } from '../content/dimensions';
import { CoursesService } from './courses.service';
import { successFlash } from '../common/views/page-options';

const percent = (read: number, total: number) => (total > 0 ? Math.round((read / total) * 100) : 0);

/** /courses (课程中心), /courses/:id (a course and its 课程大纲), the /lessons/:id reader and its 标记已读 form (PRG). */
@ApiExcludeController()
@Controller()
export class CoursesPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly completions: CompletionsService,
    private readonly assignments: AssignmentReportsService,
  ) {}

  @Get('courses')
  @Render('courses/index')
  async index(@CurrentUser() me: Principal) {
    const { items } = await this.courses.catalog(me.id);
    const courses = items.map((c) => ({
      ...c,
      progressPercent: percent(c.progress.lessonsRead, c.progress.lessonsTotal),
    }));
    return { title: '课程中心', courses, showProgress: me.role === 'officer' };
  }

  @Get('courses/:id')
  @Render('courses/show')
  async show(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query() query: { ok?: string; code?: string },
  ) {
    const course = await this.courses.course(me.id, id);
    const unread = course.lessons.filter((l) => !l.completed).length;
    const assignments = await this.assignments.forUser(me.id, id);
    return {
      title: course.title,
      course,
      progressPercent: percent(course.progress.lessonsRead, course.progress.lessonsTotal),
      assignments,
      statusLabels: STATUS_LABELS,
      firstUnread: course.lessons.find((l) => !l.completed)?.id,
      firstLesson: course.lessons[0]?.id,
      showProgress: me.role === 'officer',
      flash: this.flash(query, unread),
    };
  }

  @Get('lessons/:id')
  @Render('courses/lesson')
  async lesson(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query() query: { ok?: string; code?: string },
  ) {
    const lesson = await this.courses.lesson(me.id, id);
    return {
      title: lesson.title,
      lesson,
      dimensionLabel: DIMENSION_LABELS[lesson.dimension] ?? lesson.dimension,
      canMarkRead: me.role === 'officer',
      flash: this.flash(query),
    };
  }

  /**
   * 标记已读 and move on in one step: to the next 课节 with a message naming the one just read, or after
   * the last one to the course page (completed, or which 课节 are still unread).
   */
  @Roles('officer')
  @Post('lessons/:id/complete')
  async complete(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const result = await this.completions.markLessonRead(me, id);
    const lesson = await this.courses.lesson(me.id, id);
    const coursePage = `/courses/${encodeURIComponent(lesson.courseId)}`;
    if (result.newlyCompleted && result.certificateCode) {
      return res.redirect(303, `${coursePage}?ok=completed&code=${result.certificateCode}`);
    }
    if (lesson.nextId) return res.redirect(303, `/lessons/${encodeURIComponent(lesson.nextId)}?ok=read`);
    return res.redirect(303, `${coursePage}?ok=${result.courseCompleted ? 'reviewed' : 'last-read'}`);
  }

  private flash(query: { ok?: string; code?: string }, unread = 0) {
    if (query.ok === 'read') return successFlash('上一课节已标记为已读，现在进入本课节。');
    if (query.ok === 'completed') {
      const code = /^[0-9A-Z]{1,16}$/.test(query.code ?? '') ? `，证书编号 ${query.code}` : '';
      return successFlash(`恭喜，课程已完成${code}。可在“我的学习”中查看证书。`);
    }
    if (query.ok === 'reviewed') return successFlash('已读完最后一个课节。本课程已完成，可随时复习。');
    if (query.ok === 'last-read') {
      return successFlash(`已读完最后一个课节。还有 ${unread} 个课节未读，读完后课程即完成。`);
    }
    return undefined;
  }
}
