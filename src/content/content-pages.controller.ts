import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../auth/decorators/auth.decorators';
import { ContentImportStatusService } from './import/content-import-status.service';

const OUTCOME_TEXT = {
  ok: { kind: 'success', text: '导入成功，正在使用最新内容' },
  kept_previous: { kind: 'error', text: '内容有问题，未导入；仍在使用上一次导入的内容' },
  failed: { kind: 'error', text: '导入出错，未导入；仍在使用上一次导入的内容' },
} as const;

/** /admin/content: the last content import at start, with every problem as file:line. */
@ApiExcludeController()
@Controller('admin/content')
@Roles('admin')
export class ContentPagesController {
  constructor(private readonly status: ContentImportStatusService) {}

  @Get()
  @Render('admin/content/index')
  async index() {
    const last = await this.status.last();
    return {
      title: '内容导入状态',
      last,
      outcome: last ? OUTCOME_TEXT[last.outcome] : undefined,
      hiddenProblems: last ? last.problemCount - last.problems.length : 0,
    };
  }
}
