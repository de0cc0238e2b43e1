import { Controller, Get, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../auth/decorators/auth.decorators';
import { buildPager, pageWindow } from '../common/views/pager';
import { summariseChange } from './audit-summary';
import { AuditService } from './audit.service';

const PAGE_SIZE = 30;

/** /admin/audit: the audit log as a paged table, filterable by action. */
@ApiExcludeController()
@Controller('admin/audit')
@Roles('admin')
export class AuditPagesController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Render('admin/audit/index')
  async index(@Query('action') action?: unknown, @Query('page') pageParam?: string) {
    const filter = typeof action === 'string' && action.trim() ? action.trim().slice(0, 64) : undefined;
    const { page, limit, offset } = pageWindow(pageParam, PAGE_SIZE);
    const [{ items, total }, actions] = await Promise.all([this.audit.list(limit, offset, { action: filter }), this.audit.actions()]);
    return {
      title: '审计日志',
      action: filter,
      actions: actions.map((a) => ({ value: a, selected: a === filter })),
      rows: items.map((row) => ({ ...row, entityShort: row.entityId?.slice(0, 8), summary: summariseChange(row.before, row.after) })),
      pager: buildPager('/admin/audit', { action: filter }, page, PAGE_SIZE, total),
    };
  }
}
