import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ARTICLE_COUNT, CHAPTERS } from '../content/dimensions';
import { RegulationTextService } from './regulation-text.service';
import { articleLabel, normaliseQuery, RegulationService } from './regulation.service';
import { RegulationErrors } from './regulation.errors';

/** `/regulation`: the 条例 by chapter with search; `/regulation/articles/:n`: one article and what cites it. */
@ApiExcludeController()
@Controller('regulation')
export class RegulationPagesController {
  constructor(
    private readonly regulation: RegulationService,
    private readonly text: RegulationTextService,
  ) {}

  @Get()
  @Render('regulation/index')
  async index(@Query('q') q: unknown) {
    const query = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const items = await this.regulation.list(query);
    const chapters = Object.entries(CHAPTERS)
      .map(([number, c]) => ({
        number: Number(number),
        title: c.title,
        articles: items.filter((a) => a.chapter === Number(number)),
      }))
      .filter((c) => c.articles.length > 0);
    return {
      title: '条例查阅',
      q: query,
      // What to <mark>: the query's words and the text words its officers' terms stand for.
      marks: this.regulation.highlightNeedles(query),
      searching: normaliseQuery(query) !== '',
      matchCount: items.length,
      chapters,
      fullText: this.text.available,
    };
  }

  @Get('articles/:n')
  @Render('regulation/article')
  async article(@Param('n') n: string) {
    if (!/^\d{1,3}$/.test(n)) throw RegulationErrors.articleNotFound();
    const article = await this.regulation.detail(Number(n));
    const nav = (k: number) => (k >= 1 && k <= ARTICLE_COUNT ? { number: k, label: articleLabel(k) } : null);
    return {
      title: `${article.label}${article.title ? ` ${article.title}` : ''}`,
      article,
      fullText: this.text.available,
      prev: nav(article.number - 1),
      next: nav(article.number + 1),
    };
  }
}
