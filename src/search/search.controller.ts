import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Paged } from '../common/dto/page-query.dto';
import { SearchQueryDto } from './dto/search-query.dto';
import { SearchHit, SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOperation({ summary: '在课程和课时中查找：课程标题、简介，课时标题、正文（只含未停用的内容）' })
  @ApiResponse({
    status: 200,
    description:
      '{ items: [{ kind: course|lesson, id, title, courseId, courseTitle, snippet, href }], total }',
  })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION.FAILED：缺少 q、q 超过 100 字，或 limit/offset 不正确',
  })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED：未登录' })
  find(@Query() query: SearchQueryDto): Promise<Paged<SearchHit>> {
    return this.search.search(query.q, query.limit, query.offset);
  }
}
