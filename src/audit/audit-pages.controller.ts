import { Controller, Get, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '../auth/decorators/auth.decorators';
import { AuditPageService } from './audit-page.service';

/** /admin/audit: the audit log in Chinese, filtered by person, action and date range, paged, exportable. */
@ApiExcludeController()
@Controller('admin/audit')
@Roles('admin')
export class AuditPagesController {
  constructor(private readonly page: AuditPageService) {}

  @Get()
  @Render('admin/audit/index')
  index(@Query() raw: Record<string, unknown>) {
    return this.page.index(raw);
  }

  /** The filtered log as CSV (UTF-8 with BOM, formula cells neutralised), newest first. */
  @Get('export.csv')
  async export(@Query() raw: Record<string, unknown>, @Res() res: Response) {
    const { csv, disposition } = await this.page.exportCsv(raw);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', disposition);
    res.send(csv);
  }
}
