import { Body, Controller, Get, HttpCode, Post, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { DIMENSION_LABELS, DIMENSIONS } from '../content/dimensions';
import { parsePracticePageFilter, practiceFilterQuery } from './practice-page-filter';
import { PracticeService, RIGHT_IN_A_ROW } from './practice.service';
import { typeLabel } from './quiz-labels';
import { formText } from '../common/views/form-body';

/** /practice: choose an article or a dimension (or the 错题本), answer one question at a time. */
@ApiExcludeController()
@Controller('practice')
export class PracticePagesController {
  constructor(private readonly practice: PracticeService) {}

  @Get()
  @Render('practice/index')
  async index(
    @CurrentUser() me: Principal,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { filter, chosen, errorMessage, fieldErrors } = parsePracticePageFilter(query);
    if (errorMessage) res.status(400);
    const question = chosen ? await this.practice.next(me, filter) : null;
    const book = await this.practice.mistakes(me);
    return {
      title: '练习',
      filter,
      filterQuery: practiceFilterQuery(filter),
      chosen,
      errorMessage,
      fieldErrors,
      question: question
        ? {
            ...question,
            typeLabel: typeLabel(question.type),
            inputType: question.type === 'multiple' ? 'checkbox' : 'radio',
          }
        : null,
      dimensions: DIMENSIONS.map((d) => ({
        id: d,
        label: DIMENSION_LABELS[d],
        selected: filter.dimension === d,
      })),
      articles: Array.from({ length: 50 }, (_, i) => ({ n: i + 1, selected: filter.article === i + 1 })),
      bookTotal: book.total,
      rightInARow: RIGHT_IN_A_ROW,
    };
  }

  @Post('answer')
  @HttpCode(200)
  @Render('practice/result')
  async answer(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Query() query: Record<string, unknown>,
  ) {
    const { filter } = parsePracticePageFilter(query);
    const questionId = formText(body.questionId);
    const raw = body.optionIds;
    const optionIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (v): v is string => typeof v === 'string',
    );
    const result = await this.practice.answer(me, questionId, optionIds, actor.ip);
    return {
      title: '练习结果',
      result: { ...result, typeLabel: typeLabel(result.type), toGo: RIGHT_IN_A_ROW - result.streak },
      filterQuery: practiceFilterQuery(filter),
      rightInARow: RIGHT_IN_A_ROW,
    };
  }

  @Get('mistakes')
  @Render('practice/mistakes')
  async mistakes(@CurrentUser() me: Principal) {
    return { title: '错题本', book: await this.practice.mistakes(me), rightInARow: RIGHT_IN_A_ROW };
  }
}
