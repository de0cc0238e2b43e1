import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, FORBIDDEN, UNAUTHENTICATED } from '../common/openapi/api-errors';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { OverrideDto, SaveAnswersDto, SubmitAttemptDto } from './dto/answers.dto';
import { QuizAnalysisService } from './quiz-analysis.service';
import { QuizAttemptsService } from './quiz-attempts.service';
import { QuizReviewService } from './quiz-review.service';
import { QuizzesService } from './quizzes.service';

/** Quizzes and attempts (API.md › Quizzes). Grading and deadlines are the server's; no keys before the end. */
@ApiTags('quizzes')
@ApiBearerAuth()
@Controller('api')
export class QuizzesController {
  constructor(
    private readonly quizzes: QuizzesService,
    private readonly attempts: QuizAttemptsService,
    private readonly reviews: QuizReviewService,
    private readonly analyses: QuizAnalysisService,
  ) {}

  @Get('quizzes/:id')
  @ApiOperation({
    summary: '测验设置（题数、时限、次数、及格线、评分方式、回顾规则）及本人的作答次数、成绩和未完成的作答',
  })
  @ApiErrors(UNAUTHENTICATED)
  @ApiResponse({ status: 404, description: 'QUIZ.NOT_FOUND' })
  quiz(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.quizzes.quiz(me, id);
  }

  @Roles('officer')
  @Post('quizzes/:id/attempts')
  @ApiOperation({
    summary: '开始作答：抽取并保存本人的试卷（201）；已有未结束的作答则原样返回（200），不含答案',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({
    status: 201,
    description: '{id, deadlineAt, questions: [{id, type, stem, options: [{id, text}]}], answers}',
  })
  @ApiResponse({ status: 404, description: 'QUIZ.NOT_FOUND' })
  @ApiResponse({
    status: 409,
    description: 'QUIZ.NO_ATTEMPTS_LEFT, QUIZ.NOT_OPEN, QUIZ.CLOSED, QUIZ.DRAW_FAILED',
  })
  async start(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { paper, created } = await this.attempts.start(me, id);
    res.status(created ? 201 : 200);
    return paper;
  }

  @Put('attempts/:id/answers')
  @ApiOperation({ summary: '自动保存答案（与已保存的合并），仅限本人且作答未结束' })
  @ApiErrors(UNAUTHENTICATED)
  @ApiResponse({ status: 200, description: '{id, savedAt, answered}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, ATTEMPT.ANSWER_INVALID' })
  @ApiResponse({ status: 404, description: 'ATTEMPT.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ATTEMPT.CLOSED' })
  save(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: SaveAnswersDto) {
    return this.attempts.save(me, id, body.answers);
  }

  @Post('attempts/:id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: '交卷并评分（幂等：重复提交返回同一结果）；超过截止时间加宽限后只按已保存的答案评分',
  })
  @ApiErrors(UNAUTHENTICATED)
  @ApiResponse({ status: 200, description: '{id, state: "finished", score, passed}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, ATTEMPT.ANSWER_INVALID' })
  @ApiResponse({ status: 404, description: 'ATTEMPT.NOT_FOUND' })
  submit(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: SubmitAttemptDto) {
    return this.attempts.submit(me, id, body.answers);
  }

  @Get('attempts/:id')
  @ApiOperation({
    summary:
      '作答回顾：所选与正确选项、解析、引用条款、建议重读的课时（按回顾规则）；本人、培训管理员、范围内的管理者',
  })
  @ApiErrors(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'ATTEMPT.REVIEW_NOT_AVAILABLE（作答未结束）' })
  @ApiResponse({ status: 404, description: 'ATTEMPT.NOT_FOUND' })
  review(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.reviews.review(me, id);
  }

  @Roles('trainer', 'admin')
  @Get('quizzes/:id/analysis')
  @ApiOperation({
    summary:
      '题目分析：每个题目版本的作答人次、难度（答对率）、区分度（高低分组 27%）和点二列相关，及问题标记',
  })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({
    status: 200,
    description:
      '{quizId, title, attempts, officers, meanScore, passRate, items: [{questionId, versionId, version, stem, responses, facility, discrimination, pointBiserial, flags}]}',
  })
  @ApiResponse({ status: 404, description: 'QUIZ.NOT_FOUND' })
  analysis(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.analyses.analysis(me, id);
  }

  @Roles('trainer', 'admin')
  @Get('quizzes/:id/overrides')
  @ApiOperation({ summary: '本测验的学员额外时间和次数' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({
    status: 200,
    description: '{items: [{userId, username, name, extraMinutes, extraAttempts, updatedAt}], total}',
  })
  @ApiResponse({ status: 404, description: 'QUIZ.NOT_FOUND' })
  overrides(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.quizzes.overridesOf(me, id);
  }

  @Roles('trainer', 'admin')
  @Put('quizzes/:id/overrides/:userId')
  @ApiOperation({ summary: '为某位学员设置额外时间（分钟）和额外次数，记入审计日志' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiResponse({ status: 200, description: '{quizId, userId, extraMinutes, extraAttempts}' })
  @ApiResponse({ status: 404, description: 'QUIZ.NOT_FOUND, USER.NOT_FOUND' })
  override(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('userId') userId: string,
    @Body() body: OverrideDto,
  ) {
    return this.quizzes.setOverride(me, id, userId, body.extraMinutes, body.extraAttempts);
  }
}
