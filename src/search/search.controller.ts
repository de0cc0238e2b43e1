import { Controller, Get, Query } from '@nestjs/common';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
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
  @ApiOperation({
    summary:
      '在考试、课程和课时中查找：考试与测验的标题、简介（只含面向调用者的考试；「考试」「测验」等词列出全部考试），课程标题、简介，课时标题、正文（只含未停用的内容）',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ items: [{ kind: exam|course|lesson, id, title, courseId, courseTitle, snippet, href }], total }（考试在前）',
  })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION.FAILED：缺少 q、q 超过 100 字，或 limit/offset 不正确',
  })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED：未登录' })
  find(@CurrentUser() me: Principal, @Query() query: SearchQueryDto): Promise<Paged<SearchHit>> {
    return this.search.search(query.q, query.limit, query.offset, me);
  }
}
