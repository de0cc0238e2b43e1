import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, INVALID, UNAUTHENTICATED } from '../common/openapi/api-errors';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { PracticeAnswerDto, PracticeQueryDto } from './dto/practice.dto';
import { PracticeService } from './practice.service';

/** Practice by article or dimension and the personal 错题本; not graded for certification. */
@ApiTags('practice')
@ApiBearerAuth()
@Controller('api/practice')
export class PracticeController {
  constructor(private readonly practice: PracticeService) {}

  @Get('question')
  @ApiOperation({
    summary: '随机一道练习题（按条款、维度或错题本），不含答案；没有符合的题目时 question 为 null',
  })
  @ApiErrors(UNAUTHENTICATED, INVALID)
  @ApiResponse({
    status: 200,
    description: '{question: {id, type, stem, options, dimension, inMistakeBook, streak, remaining} | null}',
  })
  async question(@CurrentUser() me: Principal, @Query() query: PracticeQueryDto) {
    return { question: await this.practice.next(me, query) };
  }

  @Post('answers')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '提交一道练习为本人抽出的题目的答案：立即判定并给出正确答案、解析和条款；答错进入错题本，连续答对两次移出',
  })
  @ApiErrors(UNAUTHENTICATED)
  @ApiResponse({
    status: 200,
    description:
      '{questionId, correct, chosenOptionIds, correctOptionIds, explanation, articles, inMistakeBook, streak, leftMistakeBook}',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED, PRACTICE.ANSWER_INVALID' })
  @ApiResponse({
    status: 403,
    description:
      'PRACTICE.QUESTION_NOT_HANDED_OUT (练习没有为本人抽出这道题), PRACTICE.QUESTION_IN_OPEN_ATTEMPT (题目在本人正在作答的测验中)',
  })
  @ApiResponse({ status: 404, description: 'PRACTICE.QUESTION_NOT_FOUND' })
  answer(@CurrentUser() me: Principal, @CurrentActor() actor: Actor, @Body() body: PracticeAnswerDto) {
    return this.practice.answer(me, body.questionId, body.optionIds, actor.ip);
  }

  @Get('mistakes')
  @ApiOperation({ summary: '我的错题本：答错过、尚未连续答对两次的题目' })
  @ApiErrors(UNAUTHENTICATED)
  @ApiResponse({
    status: 200,
    description: '{items: [{questionId, stem, dimension, articles, wrongCount, streak, toGo}], total}',
  })
  mistakes(@CurrentUser() me: Principal) {
    return this.practice.mistakes(me);
  }
}
