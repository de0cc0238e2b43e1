import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { OverrideFormDto, type AnswerDto } from './dto/answers.dto';
import { QuizAnalysisService } from './quiz-analysis.service';
import { QuizAttemptsService } from './quiz-attempts.service';
import { QuizReviewService } from './quiz-review.service';
import { QuizzesService } from './quizzes.service';
import { gradingLabel, reviewLabel, typeLabel } from './quiz-labels';
import { flashFor } from '../common/views/page-options';
import { formList } from '../common/views/form-body';

const START_ERRORS: Record<string, string> = {
  'QUIZ.NO_ATTEMPTS_LEFT': '作答次数已用完，不能再开始新的作答。如需补考，请联系培训管理员。',
  'QUIZ.NOT_OPEN': '考试尚未开始，请在开放时间内参加。',
  'QUIZ.CLOSED': '考试已经结束，不能再开始作答。',
  'QUIZ.DRAW_FAILED': '题库中的题目不足以组卷，请联系培训管理员。',
  'USER.NOT_FOUND': '没有找到这个用户名的学员：请填写学员的用户名（不是姓名）。',
};

/** Quiz intro, the one-page taking view (autosave in /assets/quiz-take.js), result and review. */
@ApiExcludeController()
@Controller()
export class QuizPagesController {
  constructor(
    private readonly quizzes: QuizzesService,
    private readonly attempts: QuizAttemptsService,
    private readonly reviews: QuizReviewService,
    private readonly analyses: QuizAnalysisService,
  ) {}

  @Get('quizzes/:id')
  @Render('quizzes/intro')
  async intro(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('error') error?: string,
    @Query('ok') ok?: string,
  ) {
    const quiz = await this.quizzes.quiz(me, id);
    const staff = me.role === 'trainer' || me.role === 'admin';
    const finished = quiz.mine.attempts.filter((a) => a.state === 'finished');
    return {
      title: quiz.title,
      quiz,
      gradingLabel: gradingLabel(quiz.gradingMethod),
      reviewLabel: reviewLabel(quiz.review.when, quiz.review.show),
      finished,
      best: finished.length ? Math.max(...finished.map((a) => a.score ?? 0)) : null,
      canStart:
        me.role === 'officer' &&
        quiz.isOpen &&
        (quiz.mine.openAttempt !== null || quiz.mine.attemptsLeft > 0),
      isOfficer: me.role === 'officer',
      canAnalyse: staff,
      overrides: staff ? (await this.quizzes.overridesOf(me, id)).items : [],
      flash: flashFor({ override: '已保存该学员的额外时间和次数' }, ok),
      errorMessage: error ? (START_ERRORS[error] ?? undefined) : undefined,
    };
  }

  @Roles('trainer', 'admin')
  @Post('trainer/quizzes/:id/overrides')
  async override(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: OverrideFormDto,
    @Res() res: Response,
  ) {
    try {
      await this.quizzes.setOverrideByUsername(me, id, body.username, body.extraMinutes, body.extraAttempts);
      return res.redirect(303, `/quizzes/${encodeURIComponent(id)}?ok=override`);
    } catch (error) {
      if (error instanceof AppError && error.code === 'USER.NOT_FOUND') {
        return res.redirect(303, `/quizzes/${encodeURIComponent(id)}?error=USER.NOT_FOUND`);
      }
      throw error;
    }
  }

  @Roles('trainer', 'admin')
  @Get('trainer/quizzes/:id/analysis')
  @Render('quizzes/analysis')
  async analysis(@CurrentUser() me: Principal, @Param('id') id: string) {
    const analysis = await this.analyses.analysis(me, id);
    return { title: `题目分析 · ${analysis.title}`, analysis };
  }

  @Roles('officer')
  @Post('quizzes/:id/start')
  async start(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    try {
      const { paper } = await this.attempts.start(me, id);
      return res.redirect(303, `/attempts/${paper.id}/take`);
    } catch (error) {
      if (error instanceof AppError && START_ERRORS[error.code]) {
        return res.redirect(303, `/quizzes/${encodeURIComponent(id)}?error=${error.code}`);
      }
      throw error;
    }
  }

  @Roles('officer')
  @Get('attempts/:id/take')
  async take(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const paper = await this.attempts.openPaper(me, id);
    if (!paper) return res.redirect(303, `/attempts/${encodeURIComponent(id)}`);
    const chosen = new Map(paper.answers.map((a) => [a.questionId, a.optionIds]));
    const questions = paper.questions.map((q, i) => ({
      ...q,
      position: i + 1,
      typeLabel: typeLabel(q.type),
      inputType: q.type === 'multiple' ? 'checkbox' : 'radio',
      options: q.options.map((o) => ({ ...o, checked: (chosen.get(q.id) ?? []).includes(o.id) })),
    }));
    return res.render('quizzes/take', {
      title: '作答',
      paper,
      questions,
      serverNow: new Date().toISOString(),
      scripts: ['/assets/quiz-take.js'],
    });
  }

  @Roles('officer')
  @Post('attempts/:id/submit')
  async submit(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.attempts.submit(me, id, answersFromForm(body));
    return res.redirect(303, `/attempts/${encodeURIComponent(id)}`);
  }

  @Get('attempts/:id')
  async result(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    try {
      const review = await this.reviews.review(me, id);
      return res.render('quizzes/review', {
        title: '作答结果',
        review,
        isOwner: review.userId === me.id,
        questions: review.questions.map((q) => ({
          ...q,
          typeLabel: typeLabel(q.type),
          right: q.credit >= 1,
          partial: q.credit > 0 && q.credit < 1,
        })),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'ATTEMPT.REVIEW_NOT_AVAILABLE') {
        return res.redirect(303, `/attempts/${encodeURIComponent(id)}/take`);
      }
      throw error;
    }
  }
}

/** Form fields `q.<questionId>` (one value, or several for multiple choice); unanswered questions send nothing. */
function answersFromForm(body: Record<string, unknown>): AnswerDto[] | undefined {
  const answers: AnswerDto[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('q.')) continue;
    const ids = formList(value);
    answers.push({ questionId: key.slice(2), optionIds: ids });
  }
  return answers.length > 0 ? answers : undefined;
}
