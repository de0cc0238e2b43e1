import { Controller, Get, Query, Render } from '@nestjs/common';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiExcludeController } from '@nestjs/swagger';
import { normaliseQueryText } from '../common/search/normalised-search';
import { buildPager, pageWindow } from '../common/views/pager';
import { RegulationService } from '../regulation/regulation.service';
import { SearchService } from './search.service';

const PAGE_SIZE = 20;

/** /search: courses and lessons, plus how many 条例 articles match (linked to the regulation search). */
@ApiExcludeController()
@Controller('search')
export class SearchPagesController {
  constructor(
    private readonly search: SearchService,
    private readonly regulation: RegulationService,
  ) {}

  @Get()
  @Render('search/index')
  async index(
    @CurrentUser() me: Principal,
    @Query('q') rawQ: unknown,
    @Query('page') pageParam: string | undefined,
  ) {
    const q = typeof rawQ === 'string' ? rawQ.trim().slice(0, 100) : '';
    if (!normaliseQueryText(q)) return { title: '搜索', q, searching: false };
    const { page, limit, offset } = pageWindow(pageParam, PAGE_SIZE);
    const [result, articles] = await Promise.all([
      this.search.search(q, limit, offset, me),
      this.regulation.list(q),
    ]);
    return {
      title: `搜索：${q}`,
      q,
      searching: true,
      hits: result.items,
      total: result.total,
      articleCount: articles.length,
      pager:
        result.total > PAGE_SIZE ? buildPager('/search', { q }, page, PAGE_SIZE, result.total) : undefined,
    };
  }
}
