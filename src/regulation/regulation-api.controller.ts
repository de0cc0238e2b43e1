import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Paged } from '../common/dto/page-query.dto';
import { ArticleParamDto, ListArticlesQueryDto } from './dto/regulation-query.dto';
import { RegulationService } from './regulation.service';
import type { ArticleSummary } from './regulation.types';
import { ApiErrors, INVALID, UNAUTHENTICATED } from '../common/openapi/api-errors';

/** The 条例 index for clients: articles, their full text (when configured) and what cites them. */
@ApiTags('regulation')
@ApiBearerAuth()
@Controller('api/regulation')
export class RegulationApiController {
  constructor(private readonly regulation: RegulationService) {}

  @Get('articles')
  @ApiErrors(INVALID, UNAUTHENTICATED)
  @ApiOperation({
    summary:
      '条例 50 条：条号、章、标题、概要、引用它的课节数和试题数（q 按条号或词语检索：忽略空格和标点，十五日与15日视为相同，空格隔开的几个词都要出现，常用说法如督查督办、越级、上访按条文用词查找）',
  })
  async list(
    @Query() query: ListArticlesQueryDto,
  ): Promise<Paged<ArticleSummary & { snippet: string | null }>> {
    const all = await this.regulation.list(query.q);
    // The list stays light: the official text is in the detail.
    const items = all
      .slice(query.offset, query.offset + query.limit)
      .map((a) => ({ ...a, paragraphs: undefined }));
    return { items, total: all.length };
  }

  @Get('articles/:n')
  @ApiErrors([400, 'VALIDATION.FAILED：条号只能是数字'], UNAUTHENTICATED, [
    404,
    'REGULATION.ARTICLE_NOT_FOUND：条例没有这一条',
  ])
  @ApiOperation({ summary: '一条：全文（已配置时）、概要、引用它的课节和试题（只有题干，不含答案）' })
  async detail(@Param() { n }: ArticleParamDto) {
    const article = await this.regulation.detail(n);
    return { ...article, text: article.paragraphs?.join('\n') ?? null };
  }
}
